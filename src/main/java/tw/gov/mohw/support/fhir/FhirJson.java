package tw.gov.mohw.support.fhir;

import ca.uhn.fhir.context.FhirContext;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Writes resources with HAPI's own JSON parser (HAPI brings Jackson 2; the application's JSON is Jackson 3 — the
 * two never meet: FHIR bodies leave as bytes). One FhirContext for the application: building its model is costly,
 * and it is thread-safe once built; parsers are cheap and not thread-safe, so each answer makes one.
 */
@Component
class FhirJson {

    static final MediaType FHIR_JSON = new MediaType("application", "fhir+json", StandardCharsets.UTF_8);

    private final FhirContext context;

    FhirJson(FhirContext context) {
        this.context = context;
    }

    ResponseEntity<byte[]> respond(HttpStatus status, IBaseResource resource) {
        return ResponseEntity.status(status).contentType(FHIR_JSON)
                .body(context.newJsonParser().encodeResourceToString(resource).getBytes(StandardCharsets.UTF_8));
    }

}
