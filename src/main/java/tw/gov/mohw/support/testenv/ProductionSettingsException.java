package tw.gov.mohw.support.testenv;

import java.util.List;
import java.util.stream.Collectors;

/** The production profile's settings are incomplete or wrong: every problem at once ({@link ProductionGuard}). */
public class ProductionSettingsException extends IllegalStateException {

    /**
     * One setting: its property, its name in the environment, what it is for, an example value, and what is wrong
     * ("missing", "is on", or why its value cannot be used).
     */
    public record Problem(String property, String environmentName, String what, String example, String found) {
    }

    private final transient List<Problem> problems;

    ProductionSettingsException(List<Problem> problems) {
        super("The production profile refuses to start: " + problems.stream()
                .map(p -> p.property() + " " + p.found()).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
