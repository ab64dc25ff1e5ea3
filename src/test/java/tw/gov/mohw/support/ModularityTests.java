package tw.gov.mohw.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** The modules keep to their front doors; the module documentation (docs/modules) is regenerated from the code. */
class ModularityTests {

    /** ArchUnit's own option expects target/test-classes; builds here may use another directory (-Dbuild.dir). */
    static final ImportOption PRODUCTION_CODE = location -> !location.contains("/test-classes/");

    ApplicationModules modules = ApplicationModules.of(Application.class, PRODUCTION_CODE);

    @Test
    void verifiesModularStructure() {
        modules.verify();
    }

    /**
     * The test environment plugs into the ports the real adapters implement; nothing depends on it, so production
     * code runs the same without it.
     */
    @Test
    void nothingDependsOnTheTestEnvironment() {
        var testenv = modules.getModuleByName("testenv").orElseThrow();
        assertThat(modules.stream().filter(m -> !m.equals(testenv))
                .filter(m -> m.getDirectDependencies(modules).contains(testenv)).map(m -> m.getIdentifier().toString())
                .toList()).isEmpty();
        // and it holds what production refuses: the guard, the simulators, the test HCA, the header sign-in
        assertThat(testenv.getBasePackage().getName()).isEqualTo("tw.gov.mohw.support.testenv");
        for (String type : new String[] {"ProductionGuard", "TestAccountsGuard", "TestHca", "TestActorHeader",
                "SimulatedSmsGateway", "SimulatedMailGateway", "SimulatedNhiCardVerifier", "CardAgentSimulator"}) {
            assertThat(testenv.contains("tw.gov.mohw.support.testenv." + type)).as(type).isTrue();
        }
    }

    @Test
    void writesDocumentation() throws IOException {
        Path generated = Files.createTempDirectory("modulith-docs");
        new Documenter(modules, Documenter.Options.defaults().withOutputFolder(generated.toString()))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml()
                .writeModuleCanvases();
        // The documenter lists relations in no fixed order: replace a file only when its content really changed,
        // so running the tests does not leave a diff behind. The descriptions come from the Javadoc that the
        // annotation processor collects at compile time; an incremental build sees only recompiled classes, so
        // regenerate after a clean build (mvn clean verify), as CI does.
        Path docs = Path.of("docs/modules");
        Files.createDirectories(docs);
        try (Stream<Path> files = Files.list(generated)) {
            for (Path file : files.toList()) {
                Path target = docs.resolve(file.getFileName().toString());
                if (!Files.exists(target) || !sameLines(file, target)) {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** The same lines in any order (an AsciiDoc table cell's leading "|" moves with the first entry). */
    private static boolean sameLines(Path a, Path b) throws IOException {
        return normalized(a).equals(normalized(b));
    }

    private static List<String> normalized(Path file) throws IOException {
        return Files.readAllLines(file).stream().map(line -> line.startsWith("|") ? line.substring(1) : line)
                .sorted().toList();
    }
}
