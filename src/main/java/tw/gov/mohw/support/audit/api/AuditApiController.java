package tw.gov.mohw.support.audit.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tw.gov.mohw.support.audit.AuditTrail;
import tw.gov.mohw.support.shared.Actor;
import tw.gov.mohw.support.shared.DomainException;
import tw.gov.mohw.support.shared.Violation;

/** The audit trail's integrity check, for system administrators. */
@Tag(name = "audit", description = "稽核軌跡")
@RestController
@RequestMapping("/api/v1/audit")
class AuditApiController {

    private final AuditTrail trail;

    AuditApiController(AuditTrail trail) {
        this.trail = trail;
    }

    @Operation(summary = "Walk the whole hash chain and say whether any entry was edited or removed")
    @GetMapping("/verification")
    AuditTrail.Verification verify(@AuthenticationPrincipal Actor actor) {
        if (!actor.is(Actor.Role.SYSTEM_ADMIN)) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, Violation.of(null, "audit.forbidden"));
        }
        return trail.verify();
    }
}
