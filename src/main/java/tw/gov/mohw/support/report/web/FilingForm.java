package tw.gov.mohw.support.report.web;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import tw.gov.mohw.support.report.ReportInput;

/**
 * What the 登錄 steps have gathered so far, kept in the session between steps. From the schedule step on it is also
 * saved as a draft (a new filing), so closing the browser loses nothing.
 */
class FilingForm implements Serializable {

    private static final long serialVersionUID = 2L;
    final long createdAt = System.nanoTime();

    /** What the steps end in: a new report, an existing draft, a correction after a return, or a change (變更). */
    enum Mode { NEW, DRAFT, CORRECT, CHANGE }

    static final int STEPS = 5;

    final String id;
    Mode mode = Mode.NEW;
    /** What the person set out to do: a new filing stays "新增報備" after its draft is saved at the schedule step. */
    Mode title = Mode.NEW;
    Long reportId;
    String practitioner;
    String personName;
    String supportedInstitution;
    String supportedInstitutionName;
    String category = "REGULAR";
    String department;
    String content;
    String periodStart;
    String periodEnd;
    String reason;
    String reviewerComment;
    boolean askConsent = true;
    /** What the last submission was refused for, by field, shown again when the person goes back to that step. */
    final java.util.Map<String, tw.gov.mohw.support.shared.Violation> refusals = new java.util.LinkedHashMap<>();
    final List<Slot> weekly = new ArrayList<>();
    final List<Slot> dated = new ArrayList<>();

    FilingForm(String id) {
        this.id = id;
        weekly.add(new Slot("MONDAY", "", ""));
    }

    /** A weekly slot (day is a weekday) or a dated one (day is a date as typed). */
    record Slot(String day, String start, String end) implements Serializable {
    }

    /** The particulars as typed, for {@link tw.gov.mohw.support.report.ReportInput}. */
    ReportInput.Text text() {
        return new ReportInput.Text(department, content, periodStart, periodEnd,
                weekly.stream().map(s -> new ReportInput.SlotText(s.day(), s.start(), s.end())).toList(),
                dated.stream().map(s -> new ReportInput.SlotText(s.day(), s.start(), s.end())).toList());
    }

    /** Whether the first step (who, where, which category) is fixed: only a new filing chooses them. */
    boolean partiesFixed() {
        return mode != Mode.NEW || reportId != null;
    }

    // getters for the templates
    public String getId() {
        return id;
    }

    public Mode getMode() {
        return mode;
    }

    public Mode getTitle() {
        return title;
    }

    public Long getReportId() {
        return reportId;
    }

    public String getPersonName() {
        return personName;
    }

    public String getSupportedInstitution() {
        return supportedInstitution;
    }

    public String getSupportedInstitutionName() {
        return supportedInstitutionName;
    }

    public String getCategory() {
        return category;
    }

    public String getDepartment() {
        return department;
    }

    public String getContent() {
        return content;
    }

    public String getPeriodStart() {
        return periodStart;
    }

    public String getPeriodEnd() {
        return periodEnd;
    }

    public String getReason() {
        return reason;
    }

    public String getReviewerComment() {
        return reviewerComment;
    }

    public List<Slot> getWeekly() {
        return weekly;
    }

    public List<Slot> getDated() {
        return dated;
    }

    public boolean isAskConsent() {
        return askConsent;
    }

    public boolean isPartiesFixed() {
        return partiesFixed();
    }
}
