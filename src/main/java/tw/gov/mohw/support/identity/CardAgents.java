package tw.gov.mohw.support.identity;

import java.util.List;
import java.util.function.Supplier;

/**
 * Where the login page looks for the card components on the user's computer: the HCAServiSign ports and the NHI
 * card component's port (the real components' defaults, or the test environment's simulator), and where the
 * installer is downloaded.
 */
public record CardAgents(Supplier<List<Integer>> hcaPortSource, Supplier<Integer> nhiPortSource, String installerUrl) {

    public List<Integer> hcaPorts() {
        return hcaPortSource.get();
    }

    public int nhiPort() {
        return nhiPortSource.get();
    }
}
