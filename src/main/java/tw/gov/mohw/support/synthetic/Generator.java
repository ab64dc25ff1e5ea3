package tw.gov.mohw.support.synthetic;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import tools.jackson.databind.json.JsonMapper;
import tw.gov.mohw.support.registry.Institution;
import tw.gov.mohw.support.registry.NationalId;
import tw.gov.mohw.support.report.DatedSlot;
import tw.gov.mohw.support.report.Jurisdiction;
import tw.gov.mohw.support.report.Lifecycle;
import tw.gov.mohw.support.report.NumberCounters;
import tw.gov.mohw.support.report.ReportStatus;
import tw.gov.mohw.support.report.Schedule;
import tw.gov.mohw.support.report.SupportCategory;
import tw.gov.mohw.support.report.WeeklySlot;

/**
 * One run of the synthetic data generator: institutions, then practitioners with their registrations, then support
 * reports with their revision and history, all written to a {@link RowSink} as they are made. Every choice comes
 * from one {@link SplittableRandom} in a fixed order, and only ordered collections are ever iterated, so the same
 * {@link Baseline}, seed, sizes and {@code today} give the same rows, byte for byte.
 *
 * <p>Rule 4 (no double booking) holds by construction: each live report claims weekdays of its own, namely the
 * weekdays of its slots and, for a slot running past midnight, the next weekday too; a new live report of a person
 * may only claim weekdays that none of the person's live reports with a period near its own has claimed. Its slots
 * (weekly and dated alike) fall on its claimed weekdays only, so two live reports of one person are never active at
 * the same instant.
 */
final class Generator {

    private static final int OPEN = 0;
    private static final int SUSPENDED = 1;
    private static final int CLOSED = 2;
    private static final String[] INSTITUTION_STATUS = {"OPEN", "SUSPENDED", "CLOSED"};
    private static final Institution.Type[] TYPES = Institution.Type.values();
    private static final int ALL_DAYS = 0x7F;
    private static final int TAIPEI_OFFSET = 8 * 3600;
    private static final String REVIEWER = "staff:reviewer-";

    /** Day-time slot templates (start, end), and overnight ones (end before start). */
    private static final LocalTime[][] DAY_SLOTS = times(
            "08:00", "12:00", "08:30", "12:00", "09:00", "12:00", "13:30", "17:30", "14:00", "17:00",
            "14:00", "18:00", "18:00", "21:00", "18:30", "21:30", "08:00", "17:00", "09:00", "17:00");
    private static final LocalTime[][] NIGHT_SLOTS = times("22:00", "08:00", "20:00", "08:00", "21:00", "07:00",
            "18:00", "08:00");
    private static final LocalTime[] MORNING_AND_AFTERNOON = {
        LocalTime.of(8, 0), LocalTime.of(12, 0), LocalTime.of(13, 30), LocalTime.of(17, 30)};

    private final Baseline base;
    private final SplittableRandom rnd;
    private final int practitioners;
    private final int institutions;
    private final int reports;
    private final int today;
    private final JsonMapper json;
    private final RowSink sink;
    private final long practitionerIdBase;
    private final long reportIdBase;

    // Reference data.
    private final int counties;
    private final String[] countyCode;
    private final String[] countyName;
    private final String[] countyStem;
    private final String[] countyShort;
    private final Map<String, Integer> countyIndex = new HashMap<>();
    private final String[] professionCode;
    private final String[] professionName;
    private final Map<String, Integer> professionIndex = new HashMap<>();
    private final Map<String, String> departmentName = new HashMap<>();
    private final String firstDepartment;
    private final Vocabulary.Weighted<Integer> professionPick;
    private final Vocabulary.Weighted<String> physicianDepartments;
    private final Vocabulary.Weighted<String> dentistDepartments;

    // Institutions, existing ones first.
    private int instCount;
    private String[] instCode;
    private Institution.Type[] instType;
    private int[] instCounty;
    private boolean[] instOpen;
    private int[] openAll;
    private int[][] openByType;
    private int[][][] openByCountyType;

    // Practising people who may get reports, existing ones first.
    private int poolCount;
    private long[] poolId;
    private String[] poolNationalId;
    private int[] poolProfession;
    private int[] poolHome;
    private int[] poolValidFrom;
    private int[] reportPool;

    // Claimed weekdays of live reports, as one linked list per person.
    private int[] head;
    private int recCount;
    private int[] recStart = new int[1024];
    private int[] recEnd = new int[1024];
    private byte[] recMask = new byte[1024];
    private int[] recNext = new int[1024];

    private final LongSet usedNationalIds = new LongSet(1024);
    private final TreeMap<String, int[]> counters = new TreeMap<>();
    private final Map<Integer, String> dateText = new HashMap<>();

    final long[] written = new long[Table.values().length];

    Generator(Baseline base, long seed, int practitioners, int institutions, int reports, LocalDate today,
            JsonMapper json, RowSink sink, long practitionerIdBase, long reportIdBase) {
        this.base = base;
        this.rnd = new SplittableRandom(seed);
        this.practitioners = practitioners;
        this.institutions = institutions;
        this.reports = reports;
        this.today = (int) today.toEpochDay();
        this.json = json;
        this.sink = sink;
        this.practitionerIdBase = practitionerIdBase;
        this.reportIdBase = reportIdBase;

        counties = base.bureaus.size();
        countyCode = new String[counties];
        countyName = new String[counties];
        countyStem = new String[counties];
        countyShort = new String[counties];
        for (int i = 0; i < counties; i++) {
            Baseline.Bureau b = base.bureaus.get(i);
            countyCode[i] = b.countyCode();
            countyName[i] = b.countyName();
            countyStem[i] = b.countyName().length() > 2 ? b.countyName().substring(0, b.countyName().length() - 1)
                    : b.countyName();
            countyShort[i] = b.shortName();
            countyIndex.put(b.countyCode(), i);
        }
        professionCode = new String[base.professions.size()];
        professionName = new String[professionCode.length];
        Object[] weights = new Object[professionCode.length * 2];
        for (int i = 0; i < professionCode.length; i++) {
            professionCode[i] = base.professions.get(i).code();
            professionName[i] = base.professions.get(i).name();
            professionIndex.put(professionCode[i], i);
            weights[2 * i] = i;
            weights[2 * i + 1] = Vocabulary.PROFESSION_WEIGHTS.getOrDefault(professionCode[i], 1);
        }
        professionPick = new Vocabulary.Weighted<>(weights);
        for (Baseline.Code d : base.departments) {
            departmentName.put(d.code(), d.name());
        }
        firstDepartment = base.departments.get(0).code();
        physicianDepartments = knownDepartments(Vocabulary.PHYSICIAN_DEPARTMENTS);
        dentistDepartments = knownDepartments(Vocabulary.DENTIST_DEPARTMENTS);
        for (Map.Entry<String, Integer> e : base.counters.entrySet()) {
            counters.put(e.getKey(), new int[] {e.getValue()});
        }
    }

    /** Generates everything into the sink. */
    void run() {
        if (practitioners < 0 || institutions < 0 || reports < 0) {
            throw new IllegalArgumentException("sizes must not be negative");
        }
        institutions();
        practitioners();
        reports();
        sink.finish();
    }

    /** The highest case and approval numbers now in use, per bureau, ROC year and kind: for the counters. */
    Map<String, Integer> counters() {
        Map<String, Integer> result = new TreeMap<>();
        counters.forEach((k, v) -> result.put(k, v[0]));
        return result;
    }

    // --- institutions --------------------------------------------------------------------------------------------

    private void institutions() {
        int existing = base.institutions.size();
        instCount = existing + institutions;
        instCode = new String[instCount];
        instType = new Institution.Type[instCount];
        instCounty = new int[instCount];
        instOpen = new boolean[instCount];
        int[] nextSerial = new int[counties * 10];
        for (int i = 0; i < existing; i++) {
            Baseline.ExistingInstitution e = base.institutions.get(i);
            instCode[i] = e.code();
            instType[i] = Institution.Type.valueOf(e.type());
            instCounty[i] = countyIndex.getOrDefault(e.countyCode(), 0);
            instOpen[i] = "OPEN".equals(e.status());
            String code = e.code();
            if (code.length() == 10 && code.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
                int county = Integer.parseInt(code.substring(0, 2)) - 1;
                int typeDigit = code.charAt(2) - '0';
                if (county >= 0 && county < counties) {
                    int slot = county * 10 + typeDigit;
                    nextSerial[slot] = Math.max(nextSerial[slot], Integer.parseInt(code.substring(3)));
                }
            }
        }

        int[] perCounty = allocateCounties(institutions);
        int n = institutions;
        int[] county = new int[n];
        Institution.Type[] type = new Institution.Type[n];
        int[] status = new int[n];
        int k = 0;
        for (int c = 0; c < counties; c++) {
            for (int j = 0; j < perCounty[c]; j++, k++) {
                county[k] = c;
                boolean guaranteedLongTermCare = j == 0 && n >= 200;
                type[k] = guaranteedLongTermCare ? Institution.Type.LONG_TERM_CARE : randomType();
                status[k] = guaranteedLongTermCare ? OPEN : randomInstitutionStatus();
            }
        }
        int[] order = shuffledIndices(n);
        for (int j = 0; j < n; j++) {
            int src = order[j];
            int c = county[src];
            Institution.Type t = type[src];
            int slot = c * 10 + (typeDigit(t) - '0');
            int serial = nextSerial[slot] + 1 + rnd.nextInt(7);
            if (serial > 9_999_999) {
                throw new IllegalStateException("institution code serials exhausted for " + countyCode[c] + " " + t);
            }
            nextSerial[slot] = serial;
            String code = pad(c + 1, 2) + typeDigit(t) + pad(serial, 7);
            int idx = existing + j;
            instCode[idx] = code;
            instType[idx] = t;
            instCounty[idx] = c;
            instOpen[idx] = status[src] == OPEN;
            StringBuilder b = sink.buffer(Table.INSTITUTION);
            b.append(code).append('\t');
            text(b, institutionName(c, t)).append('\t').append(t.name()).append('\t').append(countyCode[c]).append('\t');
            text(b, address(c)).append('\t').append(INSTITUTION_STATUS[status[src]]).append('\n');
            done(Table.INSTITUTION);
        }
        indexOpenInstitutions();
    }

    /** Institutions per county, by population, at least one each (two from 200 on, one of them long-term care). */
    private int[] allocateCounties(int n) {
        int[] result = new int[counties];
        if (n == 0) {
            return result;
        }
        int minimum = n >= 200 ? 2 : n >= counties ? 1 : 0;
        double[] weight = new double[counties];
        double total = 0;
        for (int c = 0; c < counties; c++) {
            weight[c] = Vocabulary.COUNTY_WEIGHTS.getOrDefault(countyCode[c], Vocabulary.DEFAULT_COUNTY_WEIGHT);
            total += weight[c];
        }
        int remaining = n - minimum * counties;
        double[] remainder = new double[counties];
        int assigned = 0;
        for (int c = 0; c < counties; c++) {
            double share = remaining * weight[c] / total;
            result[c] = minimum + (int) Math.floor(share);
            remainder[c] = share - Math.floor(share);
            assigned += result[c];
        }
        // Largest remainders first (ties by county order): deterministic.
        while (assigned < n) {
            int best = 0;
            for (int c = 1; c < counties; c++) {
                if (remainder[c] > remainder[best]) {
                    best = c;
                }
            }
            result[best]++;
            remainder[best] = -1;
            assigned++;
            if (Arrays.stream(remainder).allMatch(r -> r < 0)) {
                Arrays.fill(remainder, 0);
                for (int c = 0; c < counties; c++) {
                    remainder[c] = weight[c];
                }
            }
        }
        return result;
    }

    private Institution.Type randomType() {
        int r = rnd.nextInt(1000);
        if (r < 15) {
            return Institution.Type.HOSPITAL;
        } else if (r < 715) {
            return Institution.Type.CLINIC;
        } else if (r < 965) {
            return Institution.Type.PHARMACY;
        } else if (r < 980) {
            return Institution.Type.NURSING;
        } else if (r < 995) {
            return Institution.Type.LONG_TERM_CARE;
        }
        return Institution.Type.OTHER;
    }

    private int randomInstitutionStatus() {
        int r = rnd.nextInt(100);
        return r < 97 ? OPEN : r < 99 ? SUSPENDED : CLOSED;
    }

    private static char typeDigit(Institution.Type t) {
        return switch (t) {
            case HOSPITAL -> '1';
            case CLINIC -> '3';
            case PHARMACY -> '5';
            case NURSING -> '6';
            case LONG_TERM_CARE -> '7';
            case OTHER -> '9';
        };
    }

    private String institutionName(int c, Institution.Type t) {
        String word = Vocabulary.pick(rnd, Vocabulary.NAME_WORDS);
        int r = rnd.nextInt(100);
        return switch (t) {
            case HOSPITAL -> r < 30 ? Vocabulary.SURNAMES.pick(rnd) + "綜合醫院"
                    : r < 60 ? countyStem[c] + word + "醫院" : word + "醫院";
            case CLINIC -> r < 35 ? Vocabulary.SURNAMES.pick(rnd) + Vocabulary.pick(rnd, Vocabulary.CLINIC_DEPARTMENTS) + "診所"
                    : r < 70 ? word + Vocabulary.pick(rnd, Vocabulary.CLINIC_DEPARTMENTS) + "診所"
                    : r < 85 ? word + "牙醫診所" : r < 95 ? word + "中醫診所" : word + "診所";
            case PHARMACY -> r < 50 ? word + "藥局" : r < 80 ? Vocabulary.SURNAMES.pick(rnd) + word + "藥局"
                    : word + "健保藥局";
            case NURSING -> r < 70 ? word + "護理之家" : countyStem[c] + word + "護理之家";
            case LONG_TERM_CARE -> r < 50 ? word + "長照中心" : r < 80 ? countyStem[c] + word + "老人長期照顧中心"
                    : word + "日間照顧中心";
            case OTHER -> r < 40 ? word + "醫事檢驗所" : r < 70 ? word + "物理治療所" : word + "居家護理所";
        };
    }

    private String address(int c) {
        StringBuilder a = new StringBuilder(32).append(countyName[c]).append(Vocabulary.pick(rnd, Vocabulary.ROADS));
        if (rnd.nextInt(100) < 30) {
            a.append(Vocabulary.pick(rnd, Vocabulary.SECTIONS));
        }
        a.append(1 + rnd.nextInt(500)).append('號');
        if (rnd.nextInt(100) < 40) {
            a.append(2 + rnd.nextInt(11)).append('樓');
        }
        return a.toString();
    }

    private void indexOpenInstitutions() {
        IntList all = new IntList();
        IntList[] byType = new IntList[TYPES.length];
        IntList[][] byCountyType = new IntList[counties][TYPES.length];
        for (int t = 0; t < TYPES.length; t++) {
            byType[t] = new IntList();
            for (int c = 0; c < counties; c++) {
                byCountyType[c][t] = new IntList();
            }
        }
        for (int i = 0; i < instCount; i++) {
            if (instOpen[i]) {
                all.add(i);
                byType[instType[i].ordinal()].add(i);
                byCountyType[instCounty[i]][instType[i].ordinal()].add(i);
            }
        }
        openAll = all.toArray();
        openByType = new int[TYPES.length][];
        openByCountyType = new int[counties][TYPES.length][];
        for (int t = 0; t < TYPES.length; t++) {
            openByType[t] = byType[t].toArray();
            for (int c = 0; c < counties; c++) {
                openByCountyType[c][t] = byCountyType[c][t].toArray();
            }
        }
    }

    // --- practitioners -------------------------------------------------------------------------------------------

    private void practitioners() {
        for (String id : base.nationalIds) {
            usedNationalIds.add(nationalIdKey(id));
        }
        int existing = base.practising.size();
        int capacity = existing + practitioners;
        poolId = new long[capacity];
        poolNationalId = new String[capacity];
        poolProfession = new int[capacity];
        poolHome = new int[capacity];
        poolValidFrom = new int[capacity];
        Map<String, Integer> codeToInstitution = new HashMap<>();
        for (int i = 0; i < base.institutions.size(); i++) {
            codeToInstitution.put(base.institutions.get(i).code(), i);
        }
        for (Baseline.ExistingPractitioner p : base.practising) {
            Integer home = codeToInstitution.get(p.home());
            Integer prof = professionIndex.get(p.professionCode());
            if (home == null || prof == null) {
                continue;
            }
            addToPool(p.id(), p.nationalId(), prof, home, (int) p.validFrom().toEpochDay());
        }
        if (practitioners > 0 && instCount == 0) {
            throw new IllegalStateException("practitioners need institutions to practise at");
        }

        int[] certificateSerial = new int[professionCode.length];
        for (int i = 0; i < professionCode.length; i++) {
            certificateSerial[i] = base.professionCounts.getOrDefault(professionCode[i], 0) * 2;
        }
        int birthFrom = (int) LocalDate.of(1950, 1, 1).toEpochDay();
        int birthTo = (int) LocalDate.of(2000, 12, 31).toEpochDay();
        int latestLicence = today - 760;
        for (int k = 0; k < practitioners; k++) {
            int prof = professionPick.pick(rnd);
            String code = professionCode[prof];
            boolean resident = rnd.nextInt(100) == 0;
            boolean female = rnd.nextInt(100) < femaleShare(code);
            String nationalId = newNationalId(resident, female);
            String name = personName(resident, female);
            int birth = birthFrom + rnd.nextInt(birthTo - birthFrom + 1);
            certificateSerial[prof] += 1 + rnd.nextInt(3);
            String certificate = Vocabulary.CERTIFICATE_PREFIX.getOrDefault(code, professionName[prof] + "字")
                    + "第" + pad(certificateSerial[prof], 6) + "號";
            String mobile = "09" + pad(rnd.nextInt(100_000_000), 8);
            long id = practitionerIdBase + k;

            StringBuilder b = sink.buffer(Table.PRACTITIONER);
            b.append(id).append('\t').append(nationalId).append('\t');
            text(b, name).append('\t').append(date(birth)).append('\t').append(code).append('\t');
            text(b, certificate).append('\t').append(mobile).append('\n');
            done(Table.PRACTITIONER);

            int r = rnd.nextInt(100);
            String status = r < 97 ? "PRACTISING" : r < 99 ? "SUSPENDED" : "CLOSED";
            boolean practising = r < 97;
            int home = homeInstitution(code, practising);
            int earliest = Math.max(birth + 22 * 365 + 5, (int) LocalDate.of(1975, 1, 1).toEpochDay());
            int validFrom = earliest >= latestLicence ? latestLicence
                    : earliest + rnd.nextInt(latestLicence - earliest + 1);
            String validTo = "\\N";
            if (r >= 99 && validFrom < today - 1) {
                validTo = date(validFrom + 1 + rnd.nextInt(today - 1 - validFrom));
            }
            b = sink.buffer(Table.PRACTICE_REGISTRATION);
            b.append(id).append('\t').append(instCode[home]).append('\t').append(code).append('\t').append(status)
                    .append('\t').append(date(validFrom)).append('\t').append(validTo).append('\n');
            done(Table.PRACTICE_REGISTRATION);
            if (practising) {
                addToPool(id, nationalId, prof, home, validFrom);
            }
        }

        // Who files reports: physicians, Chinese-medicine physicians and dentists support the most.
        IntList pool = new IntList();
        for (int p = 0; p < poolCount; p++) {
            int copies = switch (professionCode[poolProfession[p]]) {
                case "A" -> 5;
                case "B", "C" -> 3;
                case "D" -> 2;
                default -> 1;
            };
            for (int i = 0; i < copies; i++) {
                pool.add(p);
            }
        }
        reportPool = pool.toArray();
        head = new int[poolCount];
        Arrays.fill(head, -1);
        Map<Long, Integer> poolIndex = new HashMap<>();
        for (int p = 0; p < poolCount; p++) {
            poolIndex.put(poolId[p], p);
        }
        for (Baseline.LiveRecord rec : base.live) {
            Integer p = poolIndex.get(rec.practitionerId());
            if (p != null) {
                addRecord(p, (int) rec.start().toEpochDay(), (int) rec.end().toEpochDay(), rec.mask());
            }
        }
    }

    private void addToPool(long id, String nationalId, int prof, int home, int validFrom) {
        poolId[poolCount] = id;
        poolNationalId[poolCount] = nationalId;
        poolProfession[poolCount] = prof;
        poolHome[poolCount] = home;
        poolValidFrom[poolCount] = validFrom;
        poolCount++;
    }

    private static int femaleShare(String profession) {
        return switch (profession) {
            case "F", "G", "H", "I" -> 95;
            case "A" -> 25;
            case "B", "C" -> 35;
            case "D", "E" -> 65;
            default -> 55;
        };
    }

    private String newNationalId(boolean resident, boolean female) {
        while (true) {
            char area = Vocabulary.AREA_LETTERS.pick(rnd);
            char second = resident ? (female ? '9' : '8') : (female ? '2' : '1');
            int serial = rnd.nextInt(10_000_000);
            long key = nationalIdKey(area, second, serial);
            if (usedNationalIds.add(key)) {
                return NationalId.generate(area, second, serial).value();
            }
        }
    }

    /** A number's identity without its check digit: area letter, second character and the seven digits. */
    private static long nationalIdKey(char area, char second, int serial) {
        int secondCode = second <= '9' ? second - '0' : 10 + (second - 'A');
        return ((long) (area - 'A') * 16 + secondCode) * 10_000_000L + serial;
    }

    private static long nationalIdKey(String id) {
        return nationalIdKey(id.charAt(0), id.charAt(1), Integer.parseInt(id.substring(2, 9)));
    }

    private String personName(boolean resident, boolean female) {
        String[] given = female ? Vocabulary.FEMALE_GIVEN : Vocabulary.MALE_GIVEN;
        if (resident) {
            return Vocabulary.pick(rnd, Vocabulary.RESIDENT_PREFIX) + Vocabulary.pick(rnd, given);
        }
        String name = Vocabulary.SURNAMES.pick(rnd) + Vocabulary.pick(rnd, given);
        return rnd.nextInt(100) < 90 ? name + Vocabulary.pick(rnd, given) : name;
    }

    /** Where a person practises: pharmacists mostly at pharmacies, physicians at hospitals and clinics, … */
    private int homeInstitution(String profession, boolean mustBeOpen) {
        int r = rnd.nextInt(100);
        Institution.Type t = switch (profession) {
            case "A" -> r < 40 ? Institution.Type.HOSPITAL : Institution.Type.CLINIC;
            case "B", "C" -> r < 10 ? Institution.Type.HOSPITAL : Institution.Type.CLINIC;
            case "D" -> r < 60 ? Institution.Type.PHARMACY : r < 80 ? Institution.Type.HOSPITAL : Institution.Type.CLINIC;
            case "E", "M" -> r < 80 ? Institution.Type.PHARMACY : Institution.Type.HOSPITAL;
            case "F", "G" -> r < 55 ? Institution.Type.HOSPITAL : r < 80 ? Institution.Type.CLINIC
                    : r < 90 ? Institution.Type.NURSING : Institution.Type.LONG_TERM_CARE;
            case "H", "I" -> r < 60 ? Institution.Type.HOSPITAL : Institution.Type.CLINIC;
            default -> r < 75 ? Institution.Type.HOSPITAL : r < 90 ? Institution.Type.CLINIC : Institution.Type.OTHER;
        };
        int[] list = openByType[t.ordinal()];
        if (list.length == 0) {
            list = openAll;
        }
        if (list.length > 0) {
            return list[rnd.nextInt(list.length)];
        }
        // Nothing open at all: any institution (the registration is then not one anybody can report from).
        return rnd.nextInt(instCount);
    }

    // --- reports -------------------------------------------------------------------------------------------------

    /** One report as decided before it is written. */
    private static final class Draft {
        int person;
        int supported;
        SupportCategory category;
        ReportStatus status;
        int start;
        int end;
        int anchor;
        Schedule schedule;
        String department;
    }

    private void reports() {
        if (reports > 0 && (reportPool.length == 0 || openAll.length < 2)) {
            throw new IllegalStateException(
                    "reports need practising people and at least two open institutions; generate those first");
        }
        for (int k = 0; k < reports; k++) {
            ReportStatus status = randomReportStatus();
            Draft d = null;
            for (int attempt = 0; attempt < 30 && d == null; attempt++) {
                d = tryReport(status);
            }
            if (d == null) {
                // Everyone tried was fully booked around that period: keep the count, as a refused report.
                d = tryReport(ReportStatus.REJECTED);
            }
            if (d == null) {
                throw new IllegalStateException("could not place a report");
            }
            write(reportIdBase + k, d);
        }
    }

    private ReportStatus randomReportStatus() {
        int r = rnd.nextInt(100);
        if (r < 55) {
            return ReportStatus.APPROVED;
        } else if (r < 70) {
            return ReportStatus.SUBMITTED;
        } else if (r < 75) {
            return ReportStatus.RETURNED;
        } else if (r < 83) {
            return ReportStatus.REJECTED;
        } else if (r < 90) {
            return ReportStatus.WITHDRAWN;
        } else if (r < 95) {
            return ReportStatus.CANCELLED;
        }
        return ReportStatus.DRAFT;
    }

    private Draft tryReport(ReportStatus status) {
        boolean live = ReportStatus.LIVE.contains(status);
        int p = reportPool[rnd.nextInt(reportPool.length)];
        String profession = professionCode[poolProfession[p]];
        int supported = supportedInstitution(p, profession);
        if (supported < 0) {
            return null;
        }
        SupportCategory category = category(instType[supported]);

        int anchor;
        int start;
        switch (status) {
            case DRAFT -> {
                anchor = today - 1 - rnd.nextInt(60);
                start = anchor + 1 + rnd.nextInt(120);
            }
            case SUBMITTED -> {
                anchor = today - 1 - rnd.nextInt(20);
                start = anchor + 1 + rnd.nextInt(90);
            }
            case RETURNED -> {
                anchor = today - 2 - rnd.nextInt(40);
                start = anchor + 3 + rnd.nextInt(90);
            }
            default -> {
                anchor = 0;
                start = today - 730 + rnd.nextInt(821);
            }
        }
        int r = rnd.nextInt(100);
        int length = r < 10 ? 1 : r < 25 ? 2 + rnd.nextInt(29) : r < 60 ? 30 + rnd.nextInt(151)
                : 180 + rnd.nextInt(186);
        if (status == ReportStatus.CANCELLED) {
            length = Math.max(length, 2);
        }
        start = Math.max(start, poolValidFrom[p]);
        int end = Math.min(start + length - 1, lastDayWithinAYear(start));
        length = end - start + 1;

        int free = ALL_DAYS;
        if (live) {
            free = freeDays(p, start, length < 7 ? end + 6 : end);
            if (free == 0) {
                return null;
            }
        }
        if (length < 7 && live) {
            int day = randomBit(free);
            int shift = Math.floorMod(day - dayOfWeek(start), 7);
            start += shift;
            end += shift;
        }
        int candidates = daysIn(start, end) & free;
        if (candidates == 0) {
            return null;
        }
        Draft d = new Draft();
        d.person = p;
        d.supported = supported;
        d.category = category;
        d.status = status;
        d.start = start;
        d.end = end;
        d.anchor = anchor;
        int claim = schedule(d, candidates, free);
        if (live) {
            addRecord(p, start, end, claim);
        }
        d.department = department(profession, category);
        return d;
    }

    private int lastDayWithinAYear(int start) {
        return (int) LocalDate.ofEpochDay(start).plusYears(1).toEpochDay() - 1;
    }

    private int supportedInstitution(int p, String profession) {
        int home = poolHome[p];
        int r = rnd.nextInt(100);
        Institution.Type t = switch (profession) {
            case "A" -> r < 45 ? Institution.Type.HOSPITAL : r < 95 ? Institution.Type.CLINIC
                    : Institution.Type.LONG_TERM_CARE;
            case "B", "C" -> r < 15 ? Institution.Type.HOSPITAL : Institution.Type.CLINIC;
            case "D", "E" -> r < 50 ? Institution.Type.PHARMACY : r < 75 ? Institution.Type.HOSPITAL
                    : r < 90 ? Institution.Type.CLINIC : Institution.Type.LONG_TERM_CARE;
            case "F", "G" -> r < 40 ? Institution.Type.HOSPITAL : r < 65 ? Institution.Type.CLINIC
                    : r < 80 ? Institution.Type.NURSING : Institution.Type.LONG_TERM_CARE;
            default -> r < 50 ? Institution.Type.HOSPITAL : r < 80 ? Institution.Type.CLINIC
                    : r < 90 ? Institution.Type.LONG_TERM_CARE : Institution.Type.OTHER;
        };
        int[] list = rnd.nextInt(100) < 75 ? openByCountyType[instCounty[home]][t.ordinal()] : openByType[t.ordinal()];
        if (list.length == 0 || (list.length == 1 && list[0] == home)) {
            list = openByType[t.ordinal()];
        }
        if (list.length == 0 || (list.length == 1 && list[0] == home)) {
            list = openAll;
        }
        for (int attempt = 0; attempt < 5; attempt++) {
            int i = list[rnd.nextInt(list.length)];
            if (i != home) {
                return i;
            }
        }
        return -1;
    }

    private SupportCategory category(Institution.Type supported) {
        int r = rnd.nextInt(100);
        if (supported == Institution.Type.LONG_TERM_CARE) {
            return r < 80 ? SupportCategory.LONG_TERM_CARE : SupportCategory.REGULAR;
        }
        if (supported == Institution.Type.HOSPITAL) {
            return r < 75 ? SupportCategory.REGULAR : r < 87 ? SupportCategory.EMERGENCY
                    : r < 93 ? SupportCategory.OUTREACH : r < 97 ? SupportCategory.FREE_CLINIC : SupportCategory.OTHER;
        }
        return r < 85 ? SupportCategory.REGULAR : r < 91 ? SupportCategory.OUTREACH
                : r < 96 ? SupportCategory.FREE_CLINIC : SupportCategory.OTHER;
    }

    private String department(String profession, SupportCategory category) {
        String code = switch (profession) {
            case "A" -> category == SupportCategory.EMERGENCY && rnd.nextInt(100) < 70 ? "22"
                    : physicianDepartments == null ? "00" : physicianDepartments.pick(rnd);
            case "B" -> "60";
            case "C" -> dentistDepartments == null ? "40" : dentistDepartments.pick(rnd);
            default -> "00";
        };
        return departmentName.containsKey(code) ? code : firstDepartment;
    }

    /**
     * Builds the schedule: weekly slots on 1–3 of the candidate weekdays, or a few dated slots on 1–2 of them.
     * A slot runs past midnight only when the next weekday is free as well. Returns the weekdays claimed.
     */
    private int schedule(Draft d, int candidates, int free) {
        int length = d.end - d.start + 1;
        boolean dated = rnd.nextInt(100) < (length <= 14 ? 60 : 15);
        int available = Integer.bitCount(candidates);
        int r = rnd.nextInt(100);
        int wanted = dated ? (r < 75 ? 1 : 2) : (r < 50 ? 1 : r < 85 ? 2 : 3);
        int days = 0;
        for (int i = 0; i < Math.min(wanted, available); i++) {
            days |= 1 << randomBit(candidates & ~days);
        }
        int nightChance = d.category == SupportCategory.EMERGENCY ? 45 : 8;
        LocalTime[][] slotOfDay = new LocalTime[7][];
        int claim = 0;
        for (int day = 0; day < 7; day++) {
            if ((days & (1 << day)) == 0) {
                continue;
            }
            int next = 1 << ((day + 1) % 7);
            claim |= 1 << day;
            if ((free & next) != 0 && rnd.nextInt(100) < nightChance) {
                slotOfDay[day] = Vocabulary.pick(rnd, NIGHT_SLOTS);
                claim |= next;
            } else if (rnd.nextInt(100) < 12) {
                slotOfDay[day] = MORNING_AND_AFTERNOON;
            } else {
                slotOfDay[day] = Vocabulary.pick(rnd, DAY_SLOTS);
            }
        }
        List<WeeklySlot> weekly = new ArrayList<>();
        List<DatedSlot> datedSlots = new ArrayList<>();
        if (!dated) {
            for (int day = 0; day < 7; day++) {
                LocalTime[] s = slotOfDay[day];
                for (int i = 0; s != null && i < s.length; i += 2) {
                    weekly.add(new WeeklySlot(DayOfWeek.of(day + 1), s[i], s[i + 1]));
                }
            }
        } else {
            int count = 1 + rnd.nextInt(6);
            int[] dates = new int[count];
            int found = 0;
            for (int attempt = 0; attempt < count * 3 && found < count; attempt++) {
                int date = d.start + rnd.nextInt(length);
                int shift = 0;
                while (shift < 7 && (days & (1 << dayOfWeek(date + shift))) == 0) {
                    shift++;
                }
                date += shift;
                if (date > d.end || contains(dates, found, date)) {
                    continue;
                }
                dates[found++] = date;
            }
            if (found == 0) {
                int date = d.start;
                while ((days & (1 << dayOfWeek(date))) == 0) {
                    date++;
                }
                dates[found++] = date;
            }
            Arrays.sort(dates, 0, found);
            for (int i = 0; i < found; i++) {
                LocalTime[] s = slotOfDay[dayOfWeek(dates[i])];
                for (int j = 0; j < s.length; j += 2) {
                    datedSlots.add(new DatedSlot(LocalDate.ofEpochDay(dates[i]), s[j], s[j + 1]));
                }
            }
        }
        d.schedule = new Schedule(weekly, datedSlots);
        return claim;
    }

    private static boolean contains(int[] values, int count, int value) {
        for (int i = 0; i < count; i++) {
            if (values[i] == value) {
                return true;
            }
        }
        return false;
    }

    /** The weekdays none of the person's live reports active near [from, to] has claimed. */
    private int freeDays(int p, int from, int to) {
        int taken = 0;
        for (int r = head[p]; r >= 0; r = recNext[r]) {
            // A report is active from its start to the morning after its end.
            if (recStart[r] <= to + 1 && from <= recEnd[r] + 1) {
                taken |= recMask[r];
            }
        }
        return ~taken & ALL_DAYS;
    }

    private void addRecord(int p, int start, int end, int mask) {
        if (recCount == recStart.length) {
            int n = recCount * 2;
            recStart = Arrays.copyOf(recStart, n);
            recEnd = Arrays.copyOf(recEnd, n);
            recMask = Arrays.copyOf(recMask, n);
            recNext = Arrays.copyOf(recNext, n);
        }
        recStart[recCount] = start;
        recEnd[recCount] = end;
        recMask[recCount] = (byte) mask;
        recNext[recCount] = head[p];
        head[p] = recCount++;
    }

    /** Which weekdays (bit 0 = Monday) occur in [start, end]. */
    private static int daysIn(int start, int end) {
        if (end - start >= 6) {
            return ALL_DAYS;
        }
        int mask = 0;
        for (int d = start; d <= end; d++) {
            mask |= 1 << dayOfWeek(d);
        }
        return mask;
    }

    /** Monday = 0 … Sunday = 6 (1970-01-01 was a Thursday). */
    private static int dayOfWeek(int epochDay) {
        return Math.floorMod(epochDay + 3, 7);
    }

    private int randomBit(int mask) {
        int n = rnd.nextInt(Integer.bitCount(mask));
        for (int bit = 0; bit < 7; bit++) {
            if ((mask & (1 << bit)) != 0 && n-- == 0) {
                return bit;
            }
        }
        throw new IllegalArgumentException("empty mask");
    }

    // --- writing a report ----------------------------------------------------------------------------------------

    private void write(long id, Draft d) {
        int p = d.person;
        int home = poolHome[p];
        Jurisdiction bureaus = Jurisdiction.of(countyCode[instCounty[home]], countyCode[instCounty[d.supported]]);
        String deciding = bureaus.deciding();
        String reviewer = REVIEWER + deciding;
        boolean byInstitution = rnd.nextInt(100) < 45;
        String filedBy = byInstitution ? "institution:" + instCode[home] : "practitioner:" + poolNationalId[p];
        String actingFor = byInstitution ? instCode[home] : null;
        String profession = professionCode[poolProfession[p]];
        ReportStatus status = d.status;

        // The days things happened on, then the instants (office hours in Taipei).
        int submittedDay;
        int decidedDay = 0;
        switch (status) {
            case DRAFT -> submittedDay = 0;
            case SUBMITTED, RETURNED -> submittedDay = d.anchor;
            default -> {
                int sub = d.category == SupportCategory.EMERGENCY && rnd.nextInt(100) < 30
                        ? d.start + rnd.nextInt(3) : d.start - 3 - rnd.nextInt(43);
                submittedDay = Math.min(sub, today - 2 - rnd.nextInt(4));
            }
        }
        if (status != ReportStatus.DRAFT && status != ReportStatus.SUBMITTED) {
            decidedDay = Math.min(submittedDay + 1 + rnd.nextInt(14), today - 1);
        }
        long created;
        long submitted = 0;
        if (status == ReportStatus.DRAFT) {
            created = officeInstant(d.anchor);
        } else {
            submitted = officeInstant(submittedDay);
            created = submitted - 300 - rnd.nextInt(2 * 86400);
        }
        long decided = 0;
        if (decidedDay != 0) {
            decided = Math.max(officeInstant(decidedDay), submitted + 60 + rnd.nextInt(1800));
        }

        String caseNumber = null;
        String approvalNumber = null;
        int bureau = instCounty[home];
        if (status != ReportStatus.DRAFT) {
            int year = rocYear(submitted);
            caseNumber = NumberCounters.caseNumber(countyShort[bureau], year,
                    next(deciding, year, NumberCounters.Kind.CASE.name()));
        }
        if (status == ReportStatus.APPROVED || status == ReportStatus.CANCELLED) {
            int year = rocYear(decided);
            approvalNumber = NumberCounters.approvalNumber(countyShort[bureau], year,
                    next(deciding, year, NumberCounters.Kind.APPROVAL.name()));
        }

        int cancelledFrom = 0;
        long cancelled = 0;
        String cancelActor = filedBy;
        String cancelActing = actingFor;
        if (status == ReportStatus.CANCELLED) {
            int lo = decidedDay;
            int hi = Math.max(lo, Math.min(today - 1, d.end));
            int cancelDay = lo + rnd.nextInt(hi - lo + 1);
            int fromLo = Math.max(d.start + 1, cancelDay);
            if (fromLo <= d.end) {
                cancelledFrom = fromLo + rnd.nextInt(d.end - fromLo + 1);
            } else {
                // Only the bureau may end a report from a day already past.
                cancelledFrom = d.start + 1 + rnd.nextInt(d.end - d.start);
                cancelActor = reviewer;
                cancelActing = null;
            }
            cancelled = Math.max(officeInstant(cancelDay), decided + 60 + rnd.nextInt(1800));
        }
        int effectiveEnd = (int) Lifecycle.effectiveEnd(LocalDate.ofEpochDay(d.end),
                cancelledFrom == 0 ? null : LocalDate.ofEpochDay(cancelledFrom)).toEpochDay();
        long updated = switch (status) {
            case DRAFT -> created;
            case SUBMITTED -> submitted;
            case CANCELLED -> cancelled;
            default -> decided;
        };

        StringBuilder b = sink.buffer(Table.SUPPORT_REPORT);
        b.append(id).append('\t');
        nullable(b, caseNumber).append('\t');
        nullable(b, approvalNumber).append('\t');
        b.append(status.name()).append('\t').append(poolId[p]).append('\t').append(instCode[home]).append('\t')
                .append(instCode[d.supported]).append('\t').append(deciding).append('\t');
        nullable(b, bureaus.informed())
                .append('\t').append(d.category.name()).append('\t').append(filedBy).append('\t');
        nullable(b, actingFor).append("\t1\t\\N\t").append(date(d.start)).append('\t').append(date(d.end))
                .append('\t').append(date(effectiveEnd)).append('\t')
                .append(cancelledFrom == 0 ? "\\N" : date(cancelledFrom)).append('\t');
        if (status == ReportStatus.SUBMITTED) {
            instant(b, submitted);
        } else {
            b.append("\\N");
        }
        b.append('\t');
        if (status == ReportStatus.DRAFT) {
            b.append("\\N");
        } else {
            instant(b, submitted);
        }
        b.append("\t\\N\t");
        instant(b, created).append('\t');
        instant(b, updated).append("\t1\t").append(d.department).append('\t');
        // the first approval, return or rejection (V27): withdrawn ones were never decided
        if (decided != 0 && status != ReportStatus.WITHDRAWN) {
            instant(b, decided);
        } else {
            b.append("\\N");
        }
        b.append('\n');
        done(Table.SUPPORT_REPORT);

        String state = status == ReportStatus.CANCELLED ? "APPROVED" : status.name();
        b = sink.buffer(Table.REPORT_REVISION);
        b.append(id).append("\t1\t").append(state).append('\t').append(d.department).append('\t');
        text(b, content(profession, d)).append('\t').append(date(d.start)).append('\t').append(date(d.end))
                .append('\t');
        text(b, json.writeValueAsString(d.schedule)).append('\t');
        nullable(b, approvalNumber).append('\t');
        instant(b, created).append('\n');
        done(Table.REPORT_REVISION);

        transition(id, "CREATE", null, "DRAFT", filedBy, actingFor, null, created);
        if (status == ReportStatus.DRAFT) {
            return;
        }
        transition(id, "SUBMIT", "DRAFT", "SUBMITTED", filedBy, actingFor, null, submitted);
        switch (status) {
            case APPROVED -> transition(id, "APPROVE", "SUBMITTED", "APPROVED", reviewer, null, null, decided);
            case RETURNED -> transition(id, "RETURN", "SUBMITTED", "RETURNED", reviewer, null,
                    Vocabulary.pick(rnd, Vocabulary.RETURN_REASONS), decided);
            case REJECTED -> transition(id, "REJECT", "SUBMITTED", "REJECTED", reviewer, null,
                    Vocabulary.pick(rnd, Vocabulary.REJECT_REASONS), decided);
            case WITHDRAWN -> transition(id, "WITHDRAW", "SUBMITTED", "WITHDRAWN", filedBy, actingFor,
                    rnd.nextInt(100) < 70 ? Vocabulary.pick(rnd, Vocabulary.WITHDRAW_REASONS) : null, decided);
            case CANCELLED -> {
                transition(id, "APPROVE", "SUBMITTED", "APPROVED", reviewer, null, null, decided);
                transition(id, "CANCEL", "APPROVED", "CANCELLED", cancelActor, cancelActing,
                        Vocabulary.pick(rnd, Vocabulary.CANCEL_REASONS), cancelled);
            }
            default -> {
            }
        }
    }

    private void transition(long reportId, String action, String from, String to, String actor, String actingFor,
            String reason, long at) {
        StringBuilder b = sink.buffer(Table.REPORT_TRANSITION);
        b.append(reportId).append('\t').append(action).append('\t');
        nullable(b, from).append('\t').append(to).append("\t1\t").append(actor).append('\t');
        nullable(b, actingFor).append('\t');
        if (reason == null) {
            b.append("\\N");
        } else {
            text(b, reason);
        }
        b.append('\t');
        instant(b, at).append('\n');
        done(Table.REPORT_TRANSITION);
    }

    private String content(String profession, Draft d) {
        int r = rnd.nextInt(100);
        String dept = departmentName.getOrDefault(d.department, "");
        return switch (d.category) {
            case REGULAR -> switch (profession) {
                case "A", "B", "C" -> "支援" + dept + "門診" + (r < 30 ? "業務" : "");
                case "D", "E" -> r < 70 ? "支援藥事調劑業務" : "支援門診用藥諮詢";
                case "F", "G" -> r < 70 ? "支援護理照護業務" : "支援門診護理業務";
                default -> "支援" + professionName[poolProfession[d.person]] + "業務";
            };
            case EMERGENCY -> "A".equals(profession) ? (r < 60 ? "支援急診醫療業務" : "支援夜間急診值班")
                    : "支援急診" + professionName[poolProfession[d.person]] + "業務";
            case OUTREACH -> r < 60 ? countyName[instCounty[d.supported]] + "偏遠地區巡迴醫療" : "山地離島巡迴醫療服務";
            case LONG_TERM_CARE -> "D".equals(profession) ? "長照機構住民用藥指導" : "長照機構住民健康評估與照護";
            case FREE_CLINIC -> r < 50 ? "社區義診活動" : "偏鄉義診服務";
            case OTHER -> r < 40 ? "衛生教育宣導活動" : r < 70 ? "社區健康篩檢" : "預防接種業務支援";
        };
    }

    private int next(String bureau, int rocYear, String kind) {
        int[] counter = counters.computeIfAbsent(Baseline.counterKey(bureau, rocYear, kind), k -> new int[1]);
        return ++counter[0];
    }

    // --- formatting ----------------------------------------------------------------------------------------------

    /** A random instant during office hours (08:00–17:00 Taipei, 00:00–09:00 UTC) of the day. */
    private long officeInstant(int epochDay) {
        return epochDay * 86_400L + rnd.nextInt(9 * 3600);
    }

    private static int rocYear(long epochSecond) {
        return LocalDate.ofEpochDay(Math.floorDiv(epochSecond + TAIPEI_OFFSET, 86_400L)).getYear() - 1911;
    }

    private String date(int epochDay) {
        return dateText.computeIfAbsent(epochDay, d -> LocalDate.ofEpochDay(d).toString());
    }

    /** {@code 2026-07-01 03:04:05+00}. */
    private StringBuilder instant(StringBuilder b, long epochSecond) {
        int day = (int) Math.floorDiv(epochSecond, 86_400L);
        int second = (int) Math.floorMod(epochSecond, 86_400L);
        b.append(date(day)).append(' ');
        two(b, second / 3600).append(':');
        two(b, second / 60 % 60).append(':');
        return two(b, second % 60).append("+00");
    }

    private static StringBuilder two(StringBuilder b, int v) {
        return b.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
    }

    private static String pad(int value, int width) {
        String s = Integer.toString(value);
        return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
    }

    private static StringBuilder nullable(StringBuilder b, String value) {
        return value == null ? b.append("\\N") : text(b, value);
    }

    /** Appends a value escaped for COPY text format. */
    private static StringBuilder text(StringBuilder b, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                default -> b.append(c);
            }
        }
        return b;
    }

    private void done(Table table) {
        written[table.ordinal()]++;
        sink.rowDone(table);
    }

    private int[] shuffledIndices(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private Vocabulary.Weighted<String> knownDepartments(Object[] weighted) {
        List<Object> known = new ArrayList<>();
        for (int i = 0; i < weighted.length; i += 2) {
            if (departmentName.containsKey((String) weighted[i])) {
                known.add(weighted[i]);
                known.add(weighted[i + 1]);
            }
        }
        return known.isEmpty() ? null : new Vocabulary.Weighted<>(known.toArray());
    }

    private static LocalTime[][] times(String... hhmm) {
        LocalTime[][] result = new LocalTime[hhmm.length / 2][];
        for (int i = 0; i < result.length; i++) {
            result[i] = new LocalTime[] {LocalTime.parse(hhmm[2 * i]), LocalTime.parse(hhmm[2 * i + 1])};
        }
        return result;
    }

    /** A growable list of ints. */
    static final class IntList {
        private int[] values = new int[16];
        private int size;

        void add(int v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }

    /** An open-addressing set of non-negative longs (membership only, never iterated). */
    static final class LongSet {
        private long[] table;
        private int size;

        LongSet(int capacity) {
            table = new long[Integer.highestOneBit(Math.max(16, capacity) * 2)];
            Arrays.fill(table, -1);
        }

        /** Adds the value; false when it was there already. */
        boolean add(long value) {
            if ((size + 1) * 2 > table.length) {
                grow();
            }
            int mask = table.length - 1;
            int i = (int) mix(value) & mask;
            while (table[i] != -1) {
                if (table[i] == value) {
                    return false;
                }
                i = (i + 1) & mask;
            }
            table[i] = value;
            size++;
            return true;
        }

        private void grow() {
            long[] old = table;
            table = new long[old.length * 2];
            Arrays.fill(table, -1);
            size = 0;
            for (long v : old) {
                if (v != -1) {
                    add(v);
                }
            }
        }

        private static long mix(long x) {
            x ^= x >>> 33;
            x *= 0xff51afd7ed558ccdL;
            x ^= x >>> 33;
            return x;
        }
    }
}
