package tw.gov.mohw.support.identity;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tw.gov.mohw.support.shared.Actor;

/** Staff accounts, for bureau administrators (their reviewers) and system administrators (everyone). */
@RestController
@RequestMapping("/api/v1/staff")
@Tag(name = "staff accounts")
class StaffApiController {

    private final StaffAccounts accounts;

    StaffApiController(StaffAccounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping
    @Operation(summary = "The accounts I manage")
    List<StaffAccounts.Account> list(@AuthenticationPrincipal Actor actor) {
        return accounts.manageable(actor);
    }

    @PostMapping
    @Operation(summary = "Create an account; the initial password and authenticator secret are shown only now")
    ResponseEntity<StaffAccounts.Credentials> create(@AuthenticationPrincipal Actor actor,
            @RequestBody StaffAccounts.NewAccount request) {
        return ResponseEntity.status(HttpStatus.CREATED).body(accounts.create(actor, request));
    }

    /** The holder's national ID, for an account made without one (it decides nothing until then). */
    record NationalIdRequest(String nationalId) {
    }

    @PostMapping("/{username}/national-id")
    @Operation(summary = "Complete an account made without its holder's national ID; it may decide from its next sign-in")
    ResponseEntity<Void> completeNationalId(@AuthenticationPrincipal Actor actor, @PathVariable String username,
            @RequestBody NationalIdRequest request) {
        accounts.completeNationalId(actor, username, request.nationalId());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{username}/reset")
    @Operation(summary = "Reset a password: a new initial password and authenticator secret, shown only now; "
            + "every session of the account ends")
    StaffAccounts.Credentials reset(@AuthenticationPrincipal Actor actor, @PathVariable String username) {
        return accounts.reset(actor, username);
    }

    @PostMapping("/{username}/disable")
    @Operation(summary = "Disable an account and end all its sessions")
    ResponseEntity<Void> disable(@AuthenticationPrincipal Actor actor, @PathVariable String username) {
        accounts.disable(actor, username);
        return ResponseEntity.noContent().build();
    }
}
