package tw.gov.mohw.support.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tw.gov.mohw.support.shared.Actor;
import tw.gov.mohw.support.shared.DomainException;
import tw.gov.mohw.support.support.Api;
import tw.gov.mohw.support.support.Fixtures;
import tw.gov.mohw.support.support.IntegrationTest;

/** 電子同意: asked by the applicant, answered by the supported institution's clerk and nobody else. */
@IntegrationTest
class ConsentTest {

    @Autowired SupportReports reports;
    @Autowired Api api;
    @Autowired Fixtures fixtures;

    @Test
    void theSupportedInstitutionAgreesOrDeclinesWithAReasonAndTheApplicantMayAskAgain() {
        String home = fixtures.institution("63000");
        String site = fixtures.institution("63000");
        String person = fixtures.practitioner(home);
        Actor applicant = Actor.practitioner(person);
        var start = fixtures.today().plusDays(5);
        long draft = api.post("practitioner:" + person, "/api/v1/reports", Api.report(person, site, start.toString(),
                start.plusDays(20).toString(), "MONDAY", "09:00", "12:00")).body().get("id").asLong();
        assertThatThrownBy(() -> reports.requestConsent(applicant, draft)).as("a draft is the applicant's alone")
                .isInstanceOf(DomainException.class);
        reports.submit(applicant, draft);

        Actor clerk = Actor.institution(site);
        assertThat(reports.awaitingConsent(clerk, 10)).isEmpty();
        assertThat(reports.requestConsent(applicant, draft).consent().state()).isEqualTo(Consent.State.REQUESTED);
        assertThat(reports.awaitingConsent(clerk, 10)).extracting(ReportSummary::id).containsExactly(draft);
        assertThatThrownBy(() -> reports.requestConsent(applicant, draft)).isInstanceOf(DomainException.class);

        // only the supported institution answers: not the home clerk, not another institution, not the person
        for (Actor other : new Actor[] {Actor.institution(home), applicant,
                Actor.institution(fixtures.institution("63000"))}) {
            assertThatThrownBy(() -> reports.answerConsent(other, draft, true, null)).as(other.account())
                    .isInstanceOf(DomainException.class)
                    .satisfies(e -> assertThat(((DomainException) e).kind()).isIn(DomainException.Kind.FORBIDDEN,
                            DomainException.Kind.NOT_FOUND));
        }
        assertThatThrownBy(() -> reports.answerConsent(clerk, draft, false, " ")).as("a decline needs a reason")
                .isInstanceOf(DomainException.class);
        var declined = reports.answerConsent(clerk, draft, false, "該時段無診間");
        assertThat(declined.consent().state()).isEqualTo(Consent.State.DECLINED);
        assertThat(declined.consent().reason()).isEqualTo("該時段無診間");
        assertThat(declined.status()).as("consent does not move the report").isEqualTo(ReportStatus.SUBMITTED);

        reports.requestConsent(applicant, draft);
        var agreed = reports.answerConsent(clerk, draft, true, null);
        assertThat(agreed.consent().state()).isEqualTo(Consent.State.AGREED);
        assertThat(agreed.consent().by()).isEqualTo("institution:" + site);
        assertThat(agreed.history()).extracting(Transition::action).containsSubsequence(Action.REQUEST_CONSENT,
                Action.DECLINE_CONSENT, Action.REQUEST_CONSENT, Action.AGREE_CONSENT);
        assertThat(reports.awaitingConsent(clerk, 10)).isEmpty();
        // a withdrawn report's request is no longer waiting, and cannot be answered
        String other = fixtures.practitioner(home);
        long second = api.post("practitioner:" + other, "/api/v1/submissions", Api.report(other, site,
                start.toString(), start.plusDays(20).toString(), "TUESDAY", "09:00", "12:00"),
                java.util.Map.of("Idempotency-Key", "consent-" + other)).body().get("id").asLong();
        reports.requestConsent(Actor.practitioner(other), second);
        reports.withdraw(Actor.practitioner(other), second, "不去了");
        assertThat(reports.awaitingConsent(clerk, 10)).isEmpty();
        assertThatThrownBy(() -> reports.answerConsent(clerk, second, true, null)).isInstanceOf(DomainException.class);
        // the bureau sees it too
        assertThat(api.get("reviewer:63000:consent", "/api/v1/reports/" + draft).text("/consent/state"))
                .isEqualTo("AGREED");
    }
}
