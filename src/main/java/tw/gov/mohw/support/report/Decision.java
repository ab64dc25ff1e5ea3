package tw.gov.mohw.support.report;

/** A bureau's decision on what waits: 核准, 退回補正, 駁回. */
public enum Decision { APPROVE, RETURN, REJECT }
