package tw.gov.mohw.support;

import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** The modules keep to their front doors; the module documentation (docs/modules) is regenerated from the code. */
class ModularityTests {

    ApplicationModules modules = ApplicationModules.of(Application.class, PRODUCTION_CODE);

    /** ArchUnit's own option expects target/test-classes; builds here may use another directory (-Dbuild.dir). */
    static final ImportOption PRODUCTION_CODE = location -> !location.contains("/test-classes/");

    @Test
    void verifiesModularStructure() {
        modules.verify();
    }

    @Test
    void writesDocumentation() {
        new Documenter(modules, Documenter.Options.defaults().withOutputFolder("docs/modules"))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml()
                .writeModuleCanvases();
    }
}
