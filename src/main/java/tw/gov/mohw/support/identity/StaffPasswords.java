package tw.gov.mohw.support.identity;

import com.nulabinc.zxcvbn.Zxcvbn;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tw.gov.mohw.support.shared.Violation;

/**
 * What a staff password must be (OWASP ASVS 5.0 V6.2): 12 to 128 characters, not the account's name, the same
 * typed twice, and not easily guessed — zxcvbn's estimate, whose dictionaries hold the 30,000 most common passwords
 * of public breaches, common names and words, keyboard patterns, dates and their l33t and reversed forms
 * (ASVS 6.2.4). No composition rules (ASVS 6.2.5): length and unguessability are what count.
 */
final class StaffPasswords {

    /** zxcvbn's score 0–4; 3 means "safely unguessable: moderate protection from offline slow-hash scenario". */
    private static final int MIN_SCORE = 3;
    private static final Zxcvbn ESTIMATOR = new Zxcvbn();

    private StaffPasswords() {}

    static List<Violation> check(String username, String password, String repeated) {
        List<Violation> problems = new ArrayList<>();
        if (password == null || password.length() < 12 || password.length() > 128
                || password.toLowerCase(Locale.ROOT).contains(username.toLowerCase(Locale.ROOT))) {
            problems.add(Violation.of("password", "staff.password.weak"));
        } else if (ESTIMATOR.measure(password, List.of(username, "報備支援", "mohw", "support")).getScore()
                < MIN_SCORE) {
            problems.add(Violation.of("password", "staff.password.guessable"));
        } else if (!password.equals(repeated)) {
            problems.add(Violation.of("repeated", "staff.password.mismatch"));
        }
        return problems;
    }
}
