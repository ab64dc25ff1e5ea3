package tw.gov.mohw.support.shared;

import java.net.URI;
import java.util.function.Supplier;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code support.public-url}: this system's address as browsers reach it. The NHI site sends people back to it,
 * notifications and printouts' QR codes link to it. Unset in the test environment, where the address a request came
 * to stands in; the production profile refuses to start without it (there, a notification has no request to learn
 * it from, and a proxy may stand between the browser and this node).
 */
@ConfigurationProperties("support")
public record PublicUrl(URI publicUrl) {

    public PublicUrl {
        if (publicUrl != null && (publicUrl.getScheme() == null || publicUrl.getHost() == null)) {
            throw new IllegalArgumentException("support.public-url must be an absolute address such as "
                    + "https://support.example.gov.tw, not " + publicUrl);
        }
    }

    public boolean isSet() {
        return publicUrl != null;
    }

    /** The configured address, or {@code otherwise} (such as the current request's) when none is. */
    public URI orElse(Supplier<URI> otherwise) {
        return publicUrl != null ? publicUrl : otherwise.get();
    }
}
