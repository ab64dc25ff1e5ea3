package tw.gov.mohw.support.report;

/** 支援類別. Each category's parameters (longest period, reporting after the fact, …) are in {@link ReportRules}. */
public enum SupportCategory {
    /** 一般支援. */
    REGULAR,
    /** 急診支援: may be reported after the fact within a few days. */
    EMERGENCY,
    /** 巡迴醫療. */
    OUTREACH,
    /** 長照機構支援: at a long-term-care institution, never after the fact. */
    LONG_TERM_CARE,
    /** 義診. */
    FREE_CLINIC,
    /** 其他. */
    OTHER
}
