package tw.gov.mohw.support.synthetic;

import java.util.Map;
import java.util.SplittableRandom;

/**
 * The words synthetic people and institutions are made of: surnames weighted as in Taiwan, common given-name
 * characters, institution name words, roads, reasons. Everything here is a constant; choices are made with the
 * generator's own {@link SplittableRandom}, so the output depends on the seed only.
 */
final class Vocabulary {

    private Vocabulary() {}

    /** A weighted choice among values, by binary search over cumulative weights. */
    static final class Weighted<T> {
        private final Object[] values;
        private final int[] cumulative;

        Weighted(Object[] valuesAndWeights) {
            int n = valuesAndWeights.length / 2;
            values = new Object[n];
            cumulative = new int[n];
            int total = 0;
            for (int i = 0; i < n; i++) {
                values[i] = valuesAndWeights[2 * i];
                total += (Integer) valuesAndWeights[2 * i + 1];
                cumulative[i] = total;
            }
        }

        @SuppressWarnings("unchecked")
        T pick(SplittableRandom rnd) {
            int x = rnd.nextInt(cumulative[cumulative.length - 1]);
            int lo = 0;
            int hi = cumulative.length - 1;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (cumulative[mid] > x) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            return (T) values[lo];
        }
    }

    static <T> T pick(SplittableRandom rnd, T[] values) {
        return values[rnd.nextInt(values.length)];
    }

    /** Surnames with their approximate share per mille (內政部 statistics, rounded). */
    static final Weighted<String> SURNAMES = new Weighted<>(new Object[] {
        "陳", 112, "林", 83, "黃", 60, "張", 53, "李", 51, "王", 41, "吳", 40, "劉", 32, "蔡", 29, "楊", 26,
        "許", 23, "鄭", 19, "謝", 18, "郭", 17, "洪", 15, "邱", 15, "曾", 14, "廖", 13, "賴", 13, "徐", 11,
        "周", 11, "葉", 11, "蘇", 11, "莊", 9, "呂", 8, "江", 8, "何", 8, "蕭", 7, "羅", 7, "高", 7,
        "潘", 5, "簡", 5, "朱", 5, "鍾", 5, "游", 5, "彭", 5, "詹", 4, "胡", 4, "施", 4, "沈", 4,
        "余", 4, "盧", 4, "梁", 4, "趙", 4, "顏", 4, "柯", 4, "翁", 4, "魏", 4, "孫", 3, "戴", 3,
        "范", 3, "方", 3, "宋", 3, "鄧", 3, "杜", 2, "傅", 2, "侯", 2, "曹", 2, "薛", 2, "丁", 2,
        "卓", 2, "馬", 2, "阮", 2, "董", 2, "唐", 2, "温", 2, "藍", 2, "蔣", 2, "石", 2, "古", 2,
        "紀", 2, "姚", 2, "連", 2, "馮", 2, "歐", 1, "程", 1, "湯", 1, "黎", 1, "田", 1, "康", 1,
        "姜", 1, "白", 1, "汪", 1, "鄒", 1, "尤", 1, "巫", 1, "鐘", 1, "涂", 1, "龔", 1, "嚴", 1,
        "韓", 1, "袁", 1, "金", 1, "童", 1, "陸", 1, "夏", 1, "柳", 1, "邵", 1, "歐陽", 1, "張簡", 1
    });

    static final String[] MALE_GIVEN = {
        "志", "明", "宏", "偉", "俊", "傑", "建", "家", "文", "雄", "正", "信", "國", "豪", "宇", "翔", "冠", "廷",
        "承", "哲", "昱", "育", "彥", "柏", "銘", "瑋", "凱", "輝", "峰", "榮", "誠", "嘉", "仁", "德", "安", "崇",
        "勝", "賢", "達", "昌", "維", "政", "宗", "順", "智", "軒", "睿", "恩", "霖", "祐"
    };

    static final String[] FEMALE_GIVEN = {
        "淑", "美", "惠", "雅", "婷", "怡", "佩", "玲", "芳", "慧", "君", "如", "欣", "宜", "筱", "珮", "靜", "儀",
        "萱", "涵", "琪", "瑜", "蓉", "貞", "秀", "麗", "珍", "玉", "鈺", "芬", "華", "青", "菁", "雯", "婉", "妤",
        "庭", "安", "琳", "薇", "馨", "晴", "柔", "潔", "詩", "敏", "嘉", "心", "文", "真"
    };

    /** Resident-certificate holders: names as they appear on 居留證, transliterated into Chinese. */
    static final String[] RESIDENT_PREFIX = {"阮氏", "黎氏", "陳氏", "范氏", "吳氏", "武氏", "阮文", "黎文"};

    /**
     * Area letters of national IDs, roughly by population of the place of first registration. Q (嘉義縣) is left to
     * the tests' own fixtures, so their hand-made people never meet a generated one.
     */
    static final Weighted<Character> AREA_LETTERS = new Weighted<>(new Object[] {
        'A', 12, 'F', 16, 'H', 8, 'B', 10, 'E', 10, 'T', 4, 'D', 7, 'R', 4, 'P', 3, 'K', 3, 'J', 3, 'N', 5,
        'U', 2, 'V', 1, 'M', 2, 'G', 2, 'I', 1, 'O', 1, 'C', 2, 'W', 1, 'X', 1, 'Y', 1, 'Z', 1, 'L', 3,
        'S', 3
    });

    /** Population weights (roughly millions, Taipei raised for its density of clinics) by county code. */
    static final Map<String, Double> COUNTY_WEIGHTS = Map.ofEntries(
            Map.entry("63000", 3.3), Map.entry("65000", 4.0), Map.entry("68000", 2.3), Map.entry("66000", 2.85),
            Map.entry("67000", 1.85), Map.entry("64000", 2.75), Map.entry("10002", 0.45), Map.entry("10004", 0.58),
            Map.entry("10005", 0.54), Map.entry("10007", 1.24), Map.entry("10008", 0.48), Map.entry("10009", 0.67),
            Map.entry("10010", 0.49), Map.entry("10013", 0.80), Map.entry("10014", 0.21), Map.entry("10015", 0.32),
            Map.entry("10016", 0.11), Map.entry("10017", 0.36), Map.entry("10018", 0.45), Map.entry("10020", 0.26),
            Map.entry("09020", 0.14), Map.entry("09007", 0.014));

    static final double DEFAULT_COUNTY_WEIGHT = 0.5;

    /** Words of institution names. */
    static final String[] NAME_WORDS = {
        "仁愛", "博愛", "安康", "康寧", "慈恩", "宏恩", "同仁", "永康", "長安", "福安", "祥和", "協和", "中興", "大同",
        "信義", "明德", "德仁", "惠生", "健生", "杏林", "安心", "仁心", "濟生", "聖恩", "天祥", "佳音", "新生", "弘德",
        "光明", "和平", "建安", "育生", "正心", "崇德", "全民", "幸福", "晨光", "日安", "群英", "萬安", "順安", "家和",
        "立安", "永信", "宏仁", "怡康", "悅康", "常春", "長青", "松柏", "欣安", "嘉禾", "榮恩", "益生", "安泰", "文心"
    };

    static final String[] CLINIC_DEPARTMENTS = {
        "內科", "小兒科", "耳鼻喉科", "眼科", "皮膚科", "婦產科", "家庭醫學科", "骨科", "復健科", "身心醫學科",
        "泌尿科", "外科", "內兒科"
    };

    static final String[] ROADS = {
        "中山路", "中正路", "民生路", "民權路", "民族路", "復興路", "和平路", "建國路", "信義路", "仁愛路", "成功路",
        "光復路", "自由路", "文化路", "中華路", "忠孝路", "博愛路", "新生路", "三民路", "四維路", "大同路", "公園路",
        "府前路", "永和路", "中興路", "林森路", "長春路", "健康路", "至善路", "勝利路", "光明路", "育英路"
    };

    static final String[] SECTIONS = {"一段", "二段", "三段", "四段", "五段"};

    static final String[] RETURN_REASONS = {
        "請補附支援機構同意書", "支援時段與執業機構診療時間重疊，請確認後補正", "支援科別填寫有誤，請更正",
        "支援事由過於簡略，請補充說明", "請確認支援期間起訖日期"
    };

    static final String[] REJECT_REASONS = {
        "未於事前報准，不符醫師法第八條之二規定", "支援期間超過規定上限", "申請人執業登記資料與申請內容不符",
        "支援時段與其他已核准之報備支援重疊", "支援機構未同意本次支援"
    };

    static final String[] WITHDRAW_REASONS = {"支援行程取消", "支援機構已另覓人力", "申請資料填寫錯誤，撤回重新申請"};

    static final String[] CANCEL_REASONS = {
        "支援機構人力已補足，提前終止支援", "本人執業異動，終止支援", "健康因素無法繼續支援", "支援機構業務調整"
    };

    /** 證書字號 prefixes by profession code; others use the profession's own name. */
    static final Map<String, String> CERTIFICATE_PREFIX = Map.ofEntries(
            Map.entry("A", "醫字"), Map.entry("B", "中醫字"), Map.entry("C", "牙醫字"), Map.entry("D", "藥師字"),
            Map.entry("E", "藥劑生字"), Map.entry("F", "護理師字"), Map.entry("G", "護士字"), Map.entry("H", "助產士字"),
            Map.entry("I", "助產師字"), Map.entry("J", "醫檢師字"), Map.entry("K", "醫檢生字"), Map.entry("Q", "物治字"),
            Map.entry("R", "職治字"), Map.entry("S", "醫放師字"), Map.entry("T", "醫放士字"), Map.entry("U", "物治生字"),
            Map.entry("V", "呼治字"), Map.entry("W", "職治生字"), Map.entry("X", "諮心字"), Map.entry("Y", "臨心字"),
            Map.entry("Z", "營養字"), Map.entry("1", "語治字"), Map.entry("2", "牙技字"), Map.entry("3", "聽力字"),
            Map.entry("4", "牙技生字"), Map.entry("5", "驗光師字"), Map.entry("6", "驗光生字"));

    /** Profession weights per ten thousand (西醫師 ≈25 %, 護理師 ≈40 %, 藥師 ≈15 %, …); codes not listed get 1. */
    static final Map<String, Integer> PROFESSION_WEIGHTS = Map.ofEntries(
            Map.entry("A", 2500), Map.entry("F", 4000), Map.entry("D", 1500), Map.entry("C", 500), Map.entry("B", 300),
            Map.entry("J", 300), Map.entry("S", 200), Map.entry("Q", 150), Map.entry("G", 80), Map.entry("R", 80),
            Map.entry("E", 60), Map.entry("Z", 60), Map.entry("V", 50), Map.entry("Y", 30), Map.entry("X", 30),
            Map.entry("1", 25), Map.entry("5", 25), Map.entry("3", 10), Map.entry("2", 20), Map.entry("I", 15),
            Map.entry("H", 5), Map.entry("K", 10), Map.entry("T", 10), Map.entry("U", 5), Map.entry("W", 5),
            Map.entry("6", 5), Map.entry("4", 5), Map.entry("M", 3));

    /** Departments of 西醫師, weighted; codes missing from the department table are skipped. */
    static final Object[] PHYSICIAN_DEPARTMENTS = {
        "01", 20, "02", 20, "03", 8, "04", 8, "05", 6, "06", 6, "07", 2, "08", 3, "09", 5, "10", 4, "11", 4,
        "12", 3, "13", 4, "14", 4, "15", 2, "16", 1, "22", 8, "2A", 1, "2B", 2, "81", 3, "82", 3, "83", 1,
        "84", 1, "85", 1, "86", 1, "87", 1, "88", 1
    };

    static final Object[] DENTIST_DEPARTMENTS = {
        "40", 60, "41", 3, "42", 3, "43", 3, "44", 3, "45", 5, "46", 4, "47", 4, "48", 1, "49", 1, "50", 6, "51", 2
    };
}
