package tw.gov.mohw.support.testenv;

import java.util.stream.Collectors;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Prints {@link ProductionSettingsException} as Spring Boot's "APPLICATION FAILED TO START": each setting with its
 * environment variable, what it is for, what is wrong and an example; no stack trace to dig through.
 */
class ProductionSettingsFailureAnalyzer extends AbstractFailureAnalyzer<ProductionSettingsException> {

    @Override
    protected FailureAnalysis analyze(Throwable root, ProductionSettingsException cause) {
        String description = "The production profile needs these settings, and refuses these test-environment "
                + "features (" + cause.problems().size() + "):\n\n" + cause.problems().stream()
                .map(p -> "  - " + p.property() + " (" + p.environmentName() + "): " + p.found() + ".\n      "
                        + p.what() + "; for example " + p.example())
                .collect(Collectors.joining("\n"));
        return new FailureAnalysis(description, "Set each of them (as environment variables, or --name=value "
                + "arguments; deploy/production.env.example lists every setting) and start again.", cause);
    }
}
