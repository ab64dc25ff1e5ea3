package tw.gov.mohw.support.identity.nhi;

import java.net.URI;
import java.security.interfaces.RSAPublicKey;

/**
 * The NHI multi-factor verification site (多因子身分核實及認證機制) as this system knows it: where to send the
 * person, its id, the key to encrypt for and the key its answers are signed with.
 */
@org.springframework.modulith.NamedInterface("nhi")
public record NhiSite(URI verifyUrl, String issuer, RSAPublicKey encryptionKey, RSAPublicKey signingKey) {
}
