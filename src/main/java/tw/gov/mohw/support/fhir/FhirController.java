package tw.gov.mohw.support.fhir;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tw.gov.mohw.support.shared.Actor;
import tw.gov.mohw.support.shared.PublicUrl;

/**
 * FHIR R4, read-only. Thin: it reads the parameters and hands the actor to {@link ApprovedSupport}, which reads
 * through the report module's policy. Answers are {@code application/fhir+json} whatever is asked for (the only
 * format served), errors OperationOutcomes ({@link FhirErrors}).
 */
@RestController
@RequestMapping("/fhir/r4")
class FhirController {

    private final ApprovedSupport support;
    private final Capabilities capabilities;
    private final FhirJson json;
    private final PublicUrl publicUrl;

    FhirController(ApprovedSupport support, Capabilities capabilities, FhirJson json, PublicUrl publicUrl) {
        this.support = support;
        this.capabilities = capabilities;
        this.json = json;
        this.publicUrl = publicUrl;
    }

    /** Open to all, as FHIR clients discover a server before they authenticate; it names no record. */
    @GetMapping("/metadata")
    ResponseEntity<byte[]> metadata(@RequestParam MultiValueMap<String, String> params) {
        SupportSearch.formatOnly(params);
        return json.respond(HttpStatus.OK, capabilities.statement(base()));
    }

    @GetMapping("/PractitionerRole")
    ResponseEntity<byte[]> search(@AuthenticationPrincipal Actor actor,
            @RequestParam MultiValueMap<String, String> params) {
        return json.respond(HttpStatus.OK, support.search(actor, SupportSearch.parse(params), base()));
    }

    @GetMapping("/PractitionerRole/{id}")
    ResponseEntity<byte[]> role(@AuthenticationPrincipal Actor actor, @PathVariable String id,
            @RequestParam MultiValueMap<String, String> params) {
        SupportSearch.formatOnly(params);
        return json.respond(HttpStatus.OK, support.role(actor, id));
    }

    @GetMapping("/Practitioner/{id}")
    ResponseEntity<byte[]> practitioner(@AuthenticationPrincipal Actor actor, @PathVariable String id,
            @RequestParam MultiValueMap<String, String> params) {
        SupportSearch.formatOnly(params);
        return json.respond(HttpStatus.OK, support.practitioner(actor, id));
    }

    @GetMapping("/Organization/{id}")
    ResponseEntity<byte[]> organization(@AuthenticationPrincipal Actor actor, @PathVariable String id,
            @RequestParam MultiValueMap<String, String> params) {
        SupportSearch.formatOnly(params);
        return json.respond(HttpStatus.OK, support.organization(actor, id));
    }

    /** Any other type or interaction: an OperationOutcome, not the site's problem+json. */
    @GetMapping("/**")
    ResponseEntity<byte[]> other() {
        throw FhirProblem.notFound();
    }

    /** The server's base, as the client reached it (or as configured, behind a proxy). */
    private String base() {
        URI root = publicUrl.orElse(() -> ServletUriComponentsBuilder.fromCurrentContextPath().build().toUri());
        String s = root.toString();
        return (s.endsWith("/") ? s.substring(0, s.length() - 1) : s) + "/fhir/r4";
    }
}
