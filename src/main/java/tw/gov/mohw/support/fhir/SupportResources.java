package tw.gov.mohw.support.fhir;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import tw.gov.mohw.support.registry.NationalId;
import tw.gov.mohw.support.registry.RocDates;
import tw.gov.mohw.support.report.DatedSlot;
import tw.gov.mohw.support.report.ReportView;
import tw.gov.mohw.support.report.WeeklySlot;

/**
 * Maps an approved report's version in force to FHIR resources. Pure: everything it needs is passed in, so the
 * rules below are the whole mapping.
 *
 * <ul>
 * <li>One PractitionerRole per report, id = the report's id: the period's dates, the weekly slots as
 * {@code availableTime}, and the approval and case numbers as identifiers.
 * <li>A weekly slot that crosses midnight (22:00–02:00) becomes two {@code availableTime}: its day 22:00:00–23:59:59
 * and the next day 00:00:00–02:00:00. FHIR {@code time} has no 24:00, so "until midnight" is written 23:59:59 (the
 * last second is meant to be included); a slot ending exactly at midnight has no second part.
 * <li>A dated slot (指定日期) becomes a PractitionerRole of its own, id {@code <reportId>-d<n>} (n = its place in the
 * schedule, from 1), whose period is the slot's exact start and end with the +08:00 offset — the next day's date
 * when it crosses midnight.
 * </ul>
 */
final class SupportResources {

    static final TimeZone TAIPEI = TimeZone.getTimeZone(RocDates.ZONE);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    /** FHIR time cannot say 24:00: the last second of the day stands for the end of the day. */
    static final String END_OF_DAY = "23:59:59";

    /** What a role says of the person and the place besides the report: the display texts of its codes. */
    record Names(String department, String profession) {
    }

    private SupportResources() {
    }

    /** The report's own PractitionerRole: the whole period and the weekly slots. */
    static PractitionerRole role(ReportView report, long practitionerId, Names names, LocalDate today) {
        var particulars = report.inForce().particulars();
        PractitionerRole role = common(report, practitionerId, names);
        role.setId(Long.toString(report.id()));
        role.setPeriod(new Period().setStartElement(new DateTimeType(particulars.period().start().toString()))
                .setEndElement(new DateTimeType(particulars.period().end().toString())));
        role.setActive(!report.ended() && !particulars.period().end().isBefore(today));
        for (WeeklySlot slot : particulars.schedule().weekly()) {
            availableTimes(slot).forEach(role::addAvailableTime);
        }
        return role;
    }

    /** The PractitionerRoles of the dated slots, in schedule order, ids {@code <reportId>-d1}, {@code -d2}, … */
    static List<PractitionerRole> datedRoles(ReportView report, long practitionerId, Names names, Instant now) {
        List<PractitionerRole> roles = new ArrayList<>();
        List<DatedSlot> dated = report.inForce().particulars().schedule().dated();
        for (int i = 0; i < dated.size(); i++) {
            roles.add(datedRole(report, practitionerId, names, i + 1, now));
        }
        return roles;
    }

    /** The PractitionerRole of the {@code n}th dated slot (from 1). */
    static PractitionerRole datedRole(ReportView report, long practitionerId, Names names, int n, Instant now) {
        DatedSlot slot = report.inForce().particulars().schedule().dated().get(n - 1);
        PractitionerRole role = common(report, practitionerId, names);
        role.setId(report.id() + "-d" + n);
        Instant start = start(slot);
        Instant end = end(slot);
        role.setPeriod(new Period().setStartElement(instant(start)).setEndElement(instant(end)));
        role.setActive(!report.ended() && end.isAfter(now));
        return role;
    }

    static Instant start(DatedSlot slot) {
        return LocalDateTime.of(slot.date(), slot.start()).atZone(RocDates.ZONE).toInstant();
    }

    static Instant end(DatedSlot slot) {
        LocalDate day = slot.crossesMidnight() ? slot.date().plusDays(1) : slot.date();
        return LocalDateTime.of(day, slot.end()).atZone(RocDates.ZONE).toInstant();
    }

    /** A weekly slot as one or two {@code availableTime} (see the class comment for midnight). */
    static List<PractitionerRole.PractitionerRoleAvailableTimeComponent> availableTimes(WeeklySlot slot) {
        List<PractitionerRole.PractitionerRoleAvailableTimeComponent> times = new ArrayList<>();
        if (!slot.crossesMidnight()) {
            times.add(availableTime(slot.day(), slot.start(), TIME.format(slot.end())));
            return times;
        }
        times.add(availableTime(slot.day(), slot.start(), END_OF_DAY));
        if (!slot.end().equals(LocalTime.MIDNIGHT)) {
            times.add(availableTime(slot.day().plus(1), LocalTime.MIDNIGHT, TIME.format(slot.end())));
        }
        return times;
    }

    private static PractitionerRole.PractitionerRoleAvailableTimeComponent availableTime(DayOfWeek day,
            LocalTime start, String end) {
        var time = new PractitionerRole.PractitionerRoleAvailableTimeComponent();
        time.addDaysOfWeek(day(day));
        time.setAvailableStartTime(TIME.format(start));
        time.setAvailableEndTime(end);
        return time;
    }

    private static PractitionerRole.DaysOfWeek day(DayOfWeek day) {
        return switch (day) {
            case MONDAY -> PractitionerRole.DaysOfWeek.MON;
            case TUESDAY -> PractitionerRole.DaysOfWeek.TUE;
            case WEDNESDAY -> PractitionerRole.DaysOfWeek.WED;
            case THURSDAY -> PractitionerRole.DaysOfWeek.THU;
            case FRIDAY -> PractitionerRole.DaysOfWeek.FRI;
            case SATURDAY -> PractitionerRole.DaysOfWeek.SAT;
            case SUNDAY -> PractitionerRole.DaysOfWeek.SUN;
        };
    }

    /** What every role of a report says: who, where, as what, in which department, under which numbers. */
    private static PractitionerRole common(ReportView report, long practitionerId, Names names) {
        PractitionerRole role = new PractitionerRole();
        if (report.updatedAt() != null) {
            role.getMeta().setLastUpdated(Date.from(report.updatedAt()));
        }
        if (report.approvalNumber() != null) {
            role.addIdentifier().setUse(Identifier.IdentifierUse.OFFICIAL).setSystem(FhirSystems.APPROVAL_NUMBER)
                    .setValue(report.approvalNumber());
        }
        if (report.caseNumber() != null) {
            role.addIdentifier().setUse(Identifier.IdentifierUse.SECONDARY).setSystem(FhirSystems.CASE_NUMBER)
                    .setValue(report.caseNumber());
        }
        role.getPractitioner().setReference("Practitioner/" + practitionerId)
                .setDisplay(report.practitioner().name());
        role.getOrganization().setReference("Organization/" + report.supportedInstitution().code())
                .setDisplay(report.supportedInstitution().name());
        role.addCode(profession(report.practitioner().professionCode(), names.profession()));
        String department = report.inForce().particulars().departmentCode();
        if (department != null) {
            role.addSpecialty(new CodeableConcept().addCoding(coding(FhirSystems.DEPARTMENT, department,
                    names.department())));
        }
        return role;
    }

    /**
     * The person: name and profession; the national-ID identifier only when {@code disclosed} — the caller named
     * that very ID in the search, so it tells them nothing they did not have.
     */
    static Practitioner practitioner(long id, String name, String professionCode, String professionName,
            NationalId disclosed) {
        Practitioner p = new Practitioner();
        p.setId(Long.toString(id));
        if (disclosed != null) {
            boolean citizen = disclosed.kind() == NationalId.Kind.NATIONAL_ID;
            p.addIdentifier().setUse(Identifier.IdentifierUse.OFFICIAL)
                    .setType(new CodeableConcept().addCoding(citizen
                            ? new Coding(FhirSystems.IDENTIFIER_TYPE, "NNxxx", null)
                            : new Coding(FhirSystems.IDENTIFIER_TYPE, "PRC", "Permanent Resident Card Number")))
                    .setSystem(SupportSearch.system(disclosed)).setValue(disclosed.value());
        }
        p.addName().setText(name);
        if (professionCode != null) {
            p.addQualification().setCode(profession(professionCode, professionName));
        }
        return p;
    }

    /** The supported institution: 醫事機構代碼 as TW Core's Organization-hosp-twcore writes it. */
    static Organization organization(String code, String name, boolean open) {
        Organization o = new Organization();
        o.setId(code);
        o.addIdentifier().setUse(Identifier.IdentifierUse.OFFICIAL)
                .setType(new CodeableConcept().addCoding(new Coding(FhirSystems.IDENTIFIER_TYPE, "PRN",
                        "Provider number")))
                .setSystem(FhirSystems.INSTITUTION_CODE).setValue(code);
        o.addType().addCoding(new Coding(FhirSystems.ORGANIZATION_TYPE, "prov", "Healthcare Provider"));
        o.setName(name);
        o.setActive(open);
        return o;
    }

    private static CodeableConcept profession(String code, String display) {
        return new CodeableConcept().addCoding(coding(FhirSystems.PROFESSION, code, display));
    }

    private static Coding coding(String system, String code, String display) {
        return new Coding(system, code, display);
    }

    private static DateTimeType instant(Instant at) {
        return new DateTimeType(Date.from(at), TemporalPrecisionEnum.SECOND, TAIPEI);
    }
}
