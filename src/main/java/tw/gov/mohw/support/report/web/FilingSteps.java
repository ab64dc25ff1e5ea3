package tw.gov.mohw.support.report.web;

import java.util.ArrayList;
import java.util.List;
import tw.gov.mohw.support.registry.NationalId;
import tw.gov.mohw.support.registry.Registry;
import tw.gov.mohw.support.report.ReportInput;
import tw.gov.mohw.support.report.ScheduleRules;
import tw.gov.mohw.support.report.SupportCategory;
import tw.gov.mohw.support.shared.Violation;
import tw.gov.mohw.support.shared.Texts;

/**
 * The five steps of 登錄: what each one's form posts (bound by its own handler in {@link FilingPages}), how it is
 * kept in the {@link FilingForm}, and the validator that checks a step's own fields as it is left. The domain's
 * rules (overlap, lateness, limits) come on submission and are sent back to the step of their field.
 */
final class FilingSteps {

    private FilingSteps() {}

    /** Step 1: who supports where, in which category. {@code practitioner} is a clerk's choice of staff (an id). */
    record Parties(String practitioner, String supportedInstitution, String supportedChoice, String category) {
    }

    /** Step 2. */
    record Content(String department, String content) {

        void applyTo(FilingForm form) {
            form.department = department;
            form.content = trim(content, 1000);
        }
    }

    /** Step 3. */
    record PeriodDates(String periodStart, String periodEnd) {

        void applyTo(FilingForm form) {
            form.periodStart = trim(periodStart, 30);
            form.periodEnd = trim(periodEnd, 30);
        }
    }

    /** Step 4: the weekly and dated slots, each column as a list; the most the domain takes of each. */
    record Slots(List<String> weeklyDay, List<String> weeklyStart, List<String> weeklyEnd, List<String> datedDate,
            List<String> datedStart, List<String> datedEnd) {

        void applyTo(FilingForm form) {
            form.weekly.clear();
            form.dated.clear();
            for (int i = 0; weeklyDay != null && i < weeklyDay.size() && i < ScheduleRules.MAX_WEEKLY_SLOTS; i++) {
                form.weekly.add(new FilingForm.Slot(weeklyDay.get(i), at(weeklyStart, i), at(weeklyEnd, i)));
            }
            for (int i = 0; datedDate != null && i < datedDate.size() && i < ScheduleRules.MAX_DATED_SLOTS; i++) {
                form.dated.add(new FilingForm.Slot(trim(datedDate.get(i), 30), at(datedStart, i), at(datedEnd, i)));
            }
        }
    }

    /** Step 5: a change's reason, and whether to ask the supported institution for its consent. */
    record Review(String reason, String askConsent) {

        void applyTo(FilingForm form) {
            form.reason = trim(reason, 500);
            form.askConsent = "on".equals(askConsent);
        }
    }

    /** Checks what a step gathered; every problem names its field. */
    static final class Validator {

        private final Registry registry;

        Validator(Registry registry) {
            this.registry = registry;
        }

        List<Violation> check(int step, FilingForm form) {
            List<Violation> out = new ArrayList<>();
            switch (step) {
                case 1 -> {
                    if (form.practitioner == null || !NationalId.isValid(form.practitioner)) {
                        out.add(Violation.of("practitioner", "field.required"));
                    }
                    if (form.supportedInstitution == null) {
                        out.add(Violation.of("supportedInstitution", "field.required"));
                    }
                    if (form.category == null || java.util.Arrays.stream(SupportCategory.values())
                            .noneMatch(c -> c.name().equals(form.category))) {
                        out.add(Violation.of("category", "category.invalid"));
                    }
                }
                case 2 -> {
                    if (form.department == null || registry.department(form.department).isEmpty()) {
                        out.add(Violation.of("department", "department.required"));
                    }
                    if (Texts.isBlank(form.content)) {
                        out.add(Violation.of("content", "content.required"));
                    }
                }
                // the step's own fields, read as the domain reads them (the schedule is the next step's)
                case 3 -> ReportInput.problems(form.text()).stream().filter(v -> v.field() != null
                        && v.field().startsWith("period")).forEach(out::add);
                case 4 -> ReportInput.problems(form.text()).stream().filter(v -> v.field() != null
                        && v.field().startsWith("schedule")).forEach(out::add);
                default -> { }
            }
            return out;
        }
    }

    private static String at(List<String> list, int i) {
        return list != null && i < list.size() ? trim(list.get(i), 5) : "";
    }

    static String trim(String s, int max) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.length() > max ? t.substring(0, max) : t;
    }
}
