package tw.gov.mohw.support.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tw.gov.mohw.support.registry.InstitutionCode;
import tw.gov.mohw.support.shared.Actor;
import tw.gov.mohw.support.shared.DomainException;

/** The lifecycle of domain.md, without Spring: every transition from every state, allowed or refused. */
class SupportReportTest {

    static final Instant NOW = Instant.parse("2026-12-01T02:00:00Z");
    static final LocalDate TODAY = LocalDate.of(2026, 12, 1);
    static final Actor PERSON = Actor.practitioner("A123456789");
    static final Actor CLERK = Actor.institution("0101090517");
    static final Actor REVIEWER = Actor.staff(Actor.Role.REVIEWER, "rita", "66000", null);
    static final Particulars PARTICULARS = new Particulars("02", "門診", new Period(TODAY.plusDays(7), TODAY.plusDays(60)),
            Schedule.ofWeekly(new WeeklySlot(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(12, 0))));

    static SupportReport draft() {
        return SupportReport.draft(1, new InstitutionCode("0101090517"), new InstitutionCode("0202020202"),
                Jurisdiction.of("66000", "63000"), SupportCategory.REGULAR, PARTICULARS, PERSON, null, NOW);
    }

    /** A report brought to a state through the real transitions. */
    static SupportReport in(ReportStatus status) {
        SupportReport r = draft();
        switch (status) {
            case DRAFT -> { }
            case SUBMITTED -> r.submit("中市115-000001", PERSON, NOW);
            case RETURNED -> { r.submit("中市115-000001", PERSON, NOW); r.returnForCorrection(REVIEWER, "補件", NOW); }
            case APPROVED -> { r.submit("中市115-000001", PERSON, NOW); r.approve(REVIEWER, "中市衛醫字第1150000001號", NOW); }
            case REJECTED -> { r.submit("中市115-000001", PERSON, NOW); r.reject(REVIEWER, "不符", NOW); }
            case WITHDRAWN -> r.withdraw(PERSON, "改期", NOW);
            case CANCELLED -> {
                r.submit("中市115-000001", PERSON, NOW);
                r.approve(REVIEWER, "中市衛醫字第1150000001號", NOW);
                r.cancel(TODAY.plusDays(20), PERSON, "離職", TODAY, NOW, false);
            }
        }
        return r;
    }

    /** Which states each action may start from. */
    static final Map<String, Set<ReportStatus>> ALLOWED = Map.of(
            "update", EnumSet.of(ReportStatus.DRAFT, ReportStatus.RETURNED),
            "submit", EnumSet.of(ReportStatus.DRAFT),
            "resubmit", EnumSet.of(ReportStatus.RETURNED),
            "withdraw", EnumSet.of(ReportStatus.DRAFT, ReportStatus.SUBMITTED, ReportStatus.RETURNED),
            "approve", EnumSet.of(ReportStatus.SUBMITTED),
            "return", EnumSet.of(ReportStatus.SUBMITTED),
            "reject", EnumSet.of(ReportStatus.SUBMITTED),
            "requestChange", EnumSet.of(ReportStatus.APPROVED),
            "cancel", EnumSet.of(ReportStatus.APPROVED));

    static final Map<String, Consumer<SupportReport>> ACTIONS = Map.of(
            "update", r -> r.update(PARTICULARS, PERSON, NOW),
            "submit", r -> r.submit("中市115-000002", PERSON, NOW),
            "resubmit", r -> r.resubmit(PERSON, NOW),
            "withdraw", r -> r.withdraw(PERSON, "x", NOW),
            "approve", r -> r.approve(REVIEWER, "中市衛醫字第1150000002號", NOW),
            "return", r -> r.returnForCorrection(REVIEWER, "x", NOW),
            "reject", r -> r.reject(REVIEWER, "x", NOW),
            "requestChange", r -> r.requestChange(PARTICULARS, PERSON, "x", TODAY, NOW),
            "cancel", r -> r.cancel(TODAY.plusDays(10), PERSON, "x", TODAY, NOW, false));

    @ParameterizedTest
    @EnumSource(ReportStatus.class)
    void everyActionIsAllowedExactlyFromItsStates(ReportStatus from) {
        ACTIONS.forEach((name, action) -> {
            SupportReport r = in(from);
            int historyBefore = r.history().size();
            if (ALLOWED.get(name).contains(from)) {
                action.accept(r);
                assertThat(r.history()).as(name + " from " + from).hasSize(historyBefore + 1);
            } else {
                assertThatThrownBy(() -> action.accept(r)).as(name + " from " + from)
                        .isInstanceOf(DomainException.class)
                        .satisfies(e -> assertThat(((DomainException) e).kind()).isIn(DomainException.Kind.CONFLICT));
                assertThat(r.status()).isEqualTo(from);
                assertThat(r.history()).hasSize(historyBefore);
            }
        });
    }

    @Test
    void everyTransitionRecordsActorActingForReasonAndTime() {
        SupportReport r = SupportReport.draft(1, new InstitutionCode("0101090517"),
                new InstitutionCode("0202020202"), Jurisdiction.of("66000", "63000"), SupportCategory.REGULAR,
                PARTICULARS, CLERK, null, NOW);
        r.submit("中市115-000001", CLERK, NOW.plusSeconds(1));
        r.returnForCorrection(REVIEWER, "  請補同意書  ", NOW.plusSeconds(2));
        Transition ret = r.history().get(2);
        assertThat(ret.action()).isEqualTo(Action.RETURN);
        assertThat(ret.from()).isEqualTo(ReportStatus.SUBMITTED);
        assertThat(ret.to()).isEqualTo(ReportStatus.RETURNED);
        assertThat(ret.actor()).isEqualTo("staff:rita");
        assertThat(ret.reason()).isEqualTo("請補同意書");
        assertThat(ret.at()).isEqualTo(NOW.plusSeconds(2));
        assertThat(r.history().get(1).actingFor()).isEqualTo("0101090517");
        assertThat(r.filedBy()).isEqualTo("institution:0101090517");
        assertThat(r.takeEvents()).extracting(ReportTransitioned::action)
                .containsExactly(Action.CREATE, Action.SUBMIT, Action.RETURN);
    }

    @Test
    void returnAndRejectNeedAReason() {
        for (String blank : new String[] {null, "", "   "}) {
            SupportReport r = in(ReportStatus.SUBMITTED);
            assertThatThrownBy(() -> r.returnForCorrection(REVIEWER, blank, NOW)).isInstanceOf(DomainException.class);
            assertThatThrownBy(() -> r.reject(REVIEWER, blank, NOW)).isInstanceOf(DomainException.class);
            assertThat(r.status()).isEqualTo(ReportStatus.SUBMITTED);
        }
    }

    @Test
    void changeKeepsTheApprovedVersionInForceUntilApproved() {
        SupportReport r = in(ReportStatus.APPROVED);
        Particulars changed = new Particulars("03", "改外科", PARTICULARS.period(), PARTICULARS.schedule());
        r.requestChange(changed, PERSON, "換科", TODAY, NOW);
        assertThat(r.inForce().particulars()).isEqualTo(PARTICULARS);
        assertThat(r.pendingChange()).get().extracting(Revision::particulars).isEqualTo(changed);
        assertThat(r.queuedAt()).isNotNull();

        r.returnForCorrection(REVIEWER, "請說明", NOW);
        assertThat(r.pendingChange()).get().extracting(Revision::state).isEqualTo(Revision.State.RETURNED);
        r.updateChange(changed, PERSON, NOW);
        r.resubmitChange(PERSON, NOW);
        r.approve(REVIEWER, "中市衛醫字第1150000009號", NOW);
        assertThat(r.inForce().particulars()).isEqualTo(changed);
        assertThat(r.approvalNumber()).isEqualTo("中市衛醫字第1150000009號");
        assertThat(r.pendingChange()).isEmpty();
        assertThat(r.queuedAt()).isNull();
        assertThat(r.status()).isEqualTo(ReportStatus.APPROVED);
    }

    @Test
    void cancelFromThePastOnlyWhenAllowed() {
        SupportReport r = in(ReportStatus.APPROVED);
        LocalDate later = TODAY.plusDays(30);
        assertThatThrownBy(() -> r.cancel(TODAY.plusDays(10), PERSON, "x", later, NOW, false))
                .isInstanceOf(DomainException.class);
        assertThat(r.status()).isEqualTo(ReportStatus.APPROVED);
        r.cancel(TODAY.plusDays(10), REVIEWER, "執業登記已歇業", later, NOW, true);
        assertThat(r.status()).isEqualTo(ReportStatus.CANCELLED);
        assertThat(r.effectiveEnd()).isEqualTo(TODAY.plusDays(9));
    }

    @Test
    void cancelMustFallInsideThePeriod() {
        SupportReport r = in(ReportStatus.APPROVED);
        assertThatThrownBy(() -> r.cancel(TODAY.plusDays(61), PERSON, "x", TODAY, NOW, true))
                .isInstanceOf(DomainException.class);
        assertThat(r.status()).isEqualTo(ReportStatus.APPROVED);
    }

    @Test
    void endedIsDerivedFromThePeriod() {
        SupportReport r = in(ReportStatus.APPROVED);
        assertThat(r.hasEnded(TODAY)).isFalse();
        assertThat(r.hasEnded(TODAY.plusDays(61))).isTrue();
        assertThatThrownBy(() -> r.requestChange(PARTICULARS, PERSON, "x", TODAY.plusDays(61), NOW))
                .isInstanceOf(DomainException.class);
    }

    @Test
    void aCorrectionAfterReturnIsANewRevisionAndTheOldOneIsKept() {
        SupportReport r = in(ReportStatus.RETURNED);
        r.update(new Particulars("02", "補正後", PARTICULARS.period(), PARTICULARS.schedule()), PERSON, NOW);
        assertThat(r.inForce().number()).isEqualTo(2);
        assertThat(r.changedRevisions()).extracting(Revision::number, Revision::state)
                .contains(org.assertj.core.groups.Tuple.tuple(1, Revision.State.SUPERSEDED),
                        org.assertj.core.groups.Tuple.tuple(2, Revision.State.RETURNED));
    }

    @Test
    void eachTransitionNamesTheRevisionItConcerns() {
        SupportReport r = in(ReportStatus.APPROVED);
        r.requestChange(PARTICULARS, PERSON, "換時段", TODAY, NOW);
        r.reject(REVIEWER, "不准", NOW);
        r.requestChange(PARTICULARS, PERSON, "再試", TODAY, NOW);
        r.withdrawChange(PERSON, "算了", NOW);
        assertThat(r.history()).extracting(Transition::action, Transition::revision).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Action.CREATE, 1),
                org.assertj.core.groups.Tuple.tuple(Action.SUBMIT, 1),
                org.assertj.core.groups.Tuple.tuple(Action.APPROVE, 1),
                org.assertj.core.groups.Tuple.tuple(Action.REQUEST_CHANGE, 2),
                org.assertj.core.groups.Tuple.tuple(Action.REJECT_CHANGE, 2),
                org.assertj.core.groups.Tuple.tuple(Action.REQUEST_CHANGE, 3),
                org.assertj.core.groups.Tuple.tuple(Action.WITHDRAW_CHANGE, 3));
        assertThat(r.history().get(0).from()).isNull();
        assertThat(r.inForce().number()).isEqualTo(1);
    }

    /** A situation a report can be in, and the day it is looked at. */
    record Situation(String name, java.util.function.Supplier<SupportReport> report, LocalDate today) {
    }

    static List<Situation> situations() {
        List<Situation> out = new java.util.ArrayList<>();
        for (ReportStatus status : ReportStatus.values()) {
            out.add(new Situation(status.name(), () -> in(status), TODAY));
        }
        out.add(new Situation("APPROVED, change waiting", () -> {
            SupportReport r = in(ReportStatus.APPROVED);
            r.requestChange(PARTICULARS, PERSON, "換時段", TODAY, NOW);
            return r;
        }, TODAY));
        out.add(new Situation("APPROVED, change returned", () -> {
            SupportReport r = in(ReportStatus.APPROVED);
            r.requestChange(PARTICULARS, PERSON, "換時段", TODAY, NOW);
            r.returnForCorrection(REVIEWER, "請說明", NOW);
            return r;
        }, TODAY));
        out.add(new Situation("APPROVED and ended", () -> in(ReportStatus.APPROVED), TODAY.plusDays(61)));
        for (String consent : List.of("requested", "agreed", "declined")) {
            out.add(new Situation("SUBMITTED, consent " + consent, () -> {
                SupportReport r = in(ReportStatus.SUBMITTED);
                r.requestConsent(PERSON, NOW);
                if (!consent.equals("requested")) {
                    r.answerConsent(consent.equals("agreed"), "人手不足", CLERK, NOW);
                }
                return r;
            }, TODAY));
        }
        return out;
    }

    /** How the service carries out each action on the aggregate (SupportReports picks the same methods). */
    static final Map<ReportAction, java.util.function.BiConsumer<SupportReport, LocalDate>> TRANSITIONS = Map.of(
            ReportAction.EDIT, (r, today) -> {
                if (r.status() == ReportStatus.APPROVED) {
                    r.updateChange(PARTICULARS, PERSON, NOW);
                } else {
                    r.update(PARTICULARS, PERSON, NOW);
                }
            },
            ReportAction.SUBMIT, (r, today) -> {
                switch (r.status()) {
                    case DRAFT -> r.submit("中市115-000003", PERSON, NOW);
                    case RETURNED -> r.resubmit(PERSON, NOW);
                    default -> r.resubmitChange(PERSON, NOW);
                }
            },
            ReportAction.WITHDRAW, (r, today) -> {
                if (r.status() == ReportStatus.APPROVED) {
                    r.withdrawChange(PERSON, "x", NOW);
                } else {
                    r.withdraw(PERSON, "x", NOW);
                }
            },
            ReportAction.CHANGE, (r, today) -> r.requestChange(PARTICULARS, PERSON, "x", today, NOW),
            ReportAction.CANCEL, (r, today) -> r.cancel(today.isAfter(TODAY.plusDays(10)) ? today : TODAY.plusDays(10),
                    PERSON, "x", today, NOW, false),
            ReportAction.DECIDE, (r, today) -> r.approve(REVIEWER, "中市衛醫字第1150000003號", NOW),
            ReportAction.REQUEST_CONSENT, (r, today) -> r.requestConsent(PERSON, NOW),
            ReportAction.ANSWER_CONSENT, (r, today) -> r.answerConsent(true, null, CLERK, NOW));

    @Test
    void whatTheLifecycleSaysIsPossibleIsExactlyWhatItsTransitionsAccept() {
        for (Situation situation : situations()) {
            Set<ReportAction> possible = situation.report().get().possibleNow(situation.today());
            TRANSITIONS.forEach((action, transition) -> {
                SupportReport r = situation.report().get();
                String what = action + " in " + situation.name() + " (possible: " + possible + ")";
                if (possible.contains(action)) {
                    transition.accept(r, situation.today());
                } else {
                    int before = r.history().size();
                    assertThatThrownBy(() -> transition.accept(r, situation.today())).as(what)
                            .isInstanceOf(DomainException.class);
                    assertThat(r.history()).as(what).hasSize(before);
                }
            });
        }
        // and the table says yes somewhere and no somewhere for each
        assertThat(situations().stream().map(s -> s.report().get().possibleNow(s.today()))
                .reduce(EnumSet.noneOf(ReportAction.class), (a, b) -> { a.addAll(b); return a; }))
                .containsAll(TRANSITIONS.keySet());
    }

    @Test
    void aRerouteMovesWhatIsNotDecidedAndIsInItsHistory() {
        SupportReport r = in(ReportStatus.SUBMITTED);
        r.reroute(Jurisdiction.of("63000", "66000"), Actor.staff(Actor.Role.SYSTEM_ADMIN, "system-rerouting", null,
                null), "改由所在地衛生局審核", NOW);
        assertThat(r.decidingBureau()).isEqualTo("63000");
        assertThat(r.informedBureau()).isEqualTo("66000");
        assertThat(r.status()).isEqualTo(ReportStatus.SUBMITTED);
        assertThat(r.queuedAt()).isNotNull();
        Transition moved = r.history().get(r.history().size() - 1);
        assertThat(moved.action()).isEqualTo(Action.REROUTE);
        assertThat(moved.actor()).isEqualTo("staff:system-rerouting");
        assertThat(moved.to()).isEqualTo(ReportStatus.SUBMITTED);
        for (ReportStatus decided : List.of(ReportStatus.APPROVED, ReportStatus.REJECTED, ReportStatus.CANCELLED,
                ReportStatus.WITHDRAWN)) {
            SupportReport d = in(decided);
            assertThatThrownBy(() -> d.reroute(Jurisdiction.of("63000", "66000"), REVIEWER, "x",
                    NOW)).as(decided.name()).isInstanceOf(DomainException.class);
            assertThat(d.decidingBureau()).isEqualTo("66000");
        }
    }
}
