package tw.gov.mohw.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's test command on a machine that has none of what the browser tests need, and no way to install it
 * (not root): it stops at once with one line saying what to install, and runs nothing.
 */
class RunTestsScriptTest {

    @Test
    void withoutBrowserFontsOrPopplerAndNotRootItSaysWhatToInstallInOneLine(@TempDir Path bin) throws Exception {
        // a PATH with only what the script itself needs, and an `id` that says "not root"
        for (String tool : new String[] {"bash", "dirname", "sed"}) {
            Path real = Path.of("/usr/bin", tool);
            Files.createSymbolicLink(bin.resolve(tool), Files.exists(real) ? real : Path.of("/bin", tool));
        }
        Path id = bin.resolve("id");
        Files.writeString(id, "#!/usr/bin/bash\necho 1000\n");
        id.toFile().setExecutable(true);
        Path mvn = bin.resolve("mvn");
        Files.writeString(mvn, "#!/usr/bin/bash\necho MAVEN-RAN\n");
        mvn.toFile().setExecutable(true);

        ProcessBuilder run = new ProcessBuilder("/usr/bin/bash", Path.of("run-tests").toAbsolutePath().toString());
        run.environment().clear();
        run.environment().put("PATH", bin.toString());
        Process p = run.start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(p.exitValue()).isEqualTo(1);
        assertThat(err.strip().lines()).hasSize(1);
        assertThat(err).contains("chromium", "poppler-utils", "fonts-noto-cjk", "SUPPORT_BROWSER");
        assertThat(out).doesNotContain("MAVEN-RAN");
    }

    @Test
    void aBrowserNamedThatIsNoExecutableIsRefused(@TempDir Path dir) throws Exception {
        ProcessBuilder run = new ProcessBuilder("/usr/bin/bash", Path.of("run-tests").toAbsolutePath().toString());
        run.environment().put("SUPPORT_BROWSER", dir.resolve("no-such-browser").toString());
        run.environment().put("PATH", "/usr/bin:/bin");
        Process p = run.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        // this machine has the fonts and poppler (the suite runs here), so only the browser is at fault
        assertThat(p.exitValue()).isEqualTo(1);
        assertThat(err).contains("Not an executable browser");
    }
}
