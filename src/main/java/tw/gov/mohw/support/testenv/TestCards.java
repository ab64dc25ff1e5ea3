package tw.gov.mohw.support.testenv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.gov.mohw.support.identity.hca.CardType;
import tw.gov.mohw.support.registry.Institution;
import tw.gov.mohw.support.registry.Practitioner;
import tw.gov.mohw.support.registry.RocDates;
import tw.gov.mohw.support.testenv.TestHca;

/**
 * TEST ENVIRONMENT ONLY: the cards testers (and tests) put into the simulated readers. HCA soft cards are PKCS#12
 * files under the test environment's data directory, opened with their PIN; NHI cards carry a key the simulated
 * NHI service knows, and a 網路服務密碼 (or none registered).
 */
public class TestCards {

    private static final Logger log = LoggerFactory.getLogger(TestCards.class);

    public static final String PIN = "123456";
    public static final String NHI_PASSWORD = "Nhi-1234";

    /** How a test card behaves. */
    public enum State { VALID, EXPIRED, REVOKED, UNTRUSTED, PIN_LOCKED }

    /** An HCA card in the simulated reader's tray. */
    public record HcaCard(String alias, String label, TestHca.SoftCard card, String pin, State state) {
    }

    /** An NHI card: number, holder, and the key its chip signs with. */
    public record NhiCard(String cardNumber, String nationalId, String name, LocalDate birthDate, String sex,
            String password, KeyPair keys) {

        public byte[] sign(byte[] data) {
            try {
                Signature s = Signature.getInstance("SHA256withRSA");
                s.initSign(keys.getPrivate());
                s.update(data);
                return s.sign();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The card's basic data as its component reads it: dates in 7-digit ROC. */
        public Map<String, String> basicData() {
            return Map.of("cardNumber", cardNumber, "name", name, "idNumber", nationalId,
                    "birthDate", RocDates.formatCompact(birthDate), "sex", sex);
        }
    }

    private final TestHca hca;
    private final Path directory;
    private final Clock clock;
    private final List<HcaCard> hcaCards = new CopyOnWriteArrayList<>();
    private final Map<String, NhiCard> nhiCards = new ConcurrentHashMap<>();

    public TestCards(TestHca hca, Path directory, Clock clock) {
        this.hca = hca;
        this.directory = directory;
        this.clock = clock;
    }

    public TestHca hca() {
        return hca;
    }

    public List<HcaCard> hcaCards() {
        return List.copyOf(hcaCards);
    }

    public Optional<HcaCard> hcaCard(String alias) {
        return hcaCards.stream().filter(c -> c.alias().equals(alias)).findFirst();
    }

    public List<NhiCard> nhiCards() {
        return nhiCards.values().stream().sorted(java.util.Comparator.comparing(NhiCard::cardNumber)).toList();
    }

    public Optional<NhiCard> nhiCard(String cardNumber) {
        return Optional.ofNullable(cardNumber == null ? null : nhiCards.get(cardNumber));
    }

    /** Issues (or, after a restart, reopens) a soft card and puts it in the tray. */
    public HcaCard addHca(String alias, String label, CardType type, String holderId, String holderName, State state) {
        Path file = directory.resolve("cards").resolve(alias + ".p12");
        TestHca.SoftCard card;
        try {
            // a card kept from an earlier start is reopened, unless it was issued to someone else since (the staff
            // card moved from a practitioner to a holder of its own)
            TestHca.SoftCard kept = Files.exists(file) ? TestHca.open(Files.readAllBytes(file), PIN.toCharArray()) : null;
            if (kept != null && kept.holderId().equals(holderId)) {
                card = kept;
            } else {
                Instant now = clock.instant();
                card = switch (state) {
                    case EXPIRED -> hca.issue(type, holderId, holderName, now.minus(Duration.ofDays(400)),
                            now.minus(Duration.ofDays(1)));
                    case UNTRUSTED -> hca.issueUntrusted(type, holderId, holderName);
                    default -> hca.issue(type, holderId, holderName);
                };
                if (state == State.REVOKED) {
                    hca.revoke(card);
                }
                Files.createDirectories(file.getParent());
                Files.write(file, card.pkcs12(PIN.toCharArray()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HcaCard added = new HcaCard(alias, label, card, PIN, state);
        hcaCards.removeIf(c -> c.alias().equals(alias));
        hcaCards.add(added);
        return added;
    }

    /** An NHI card for the person; {@code password} null when they never registered one. */
    public NhiCard addNhi(Practitioner person, String password) {
        String number = "0000" + String.format("%08d", Math.floorMod(person.nationalId().value().hashCode(), 100_000_000));
        NhiCard card = new NhiCard(number, person.nationalId().value(), person.name(), person.birthDate(),
                person.nationalId().value().charAt(1) == '2' ? "F" : "M", password, TestHca.rsaKeys());
        nhiCards.put(number, card);
        return card;
    }

    /** The cards a tester finds at first start: good ones, and one of each kind that must fail. */
    void seed(List<Practitioner> people, List<Institution> institutions) {
        for (int i = 0; i < Math.min(3, people.size()); i++) {
            Practitioner p = people.get(i);
            addHca("hpc-" + (i + 1), "醫事人員卡 " + p.name(), CardType.HPC, p.nationalId().value(), p.name(),
                    State.VALID);
            addNhi(p, NHI_PASSWORD);
        }
        for (int i = 0; i < Math.min(2, institutions.size()); i++) {
            Institution inst = institutions.get(i);
            addHca("hop-" + (i + 1), "醫事機構卡 " + inst.name(), CardType.HOP, inst.code().value(),
                    inst.name(), State.VALID);
        }
        if (people.size() >= 7) {
            addHca("hpc-expired", "已過期的醫事人員卡", CardType.HPC, people.get(3).nationalId().value(),
                    people.get(3).name(), State.EXPIRED);
            addHca("hpc-revoked", "已廢止的醫事人員卡", CardType.HPC, people.get(4).nationalId().value(),
                    people.get(4).name(), State.REVOKED);
            addHca("hpc-untrusted", "不受信任 CA 簽發的卡", CardType.HPC, people.get(5).nationalId().value(),
                    people.get(5).name(), State.UNTRUSTED);
            addHca("hpc-locked", "PIN 已鎖定的醫事人員卡", CardType.HPC, people.get(6).nationalId().value(),
                    people.get(6).name(), State.PIN_LOCKED);
            addNhi(people.get(3), null);
        }
        // the holder of the test environment's reviewer-63000 account (TestStaff), who is no practitioner of the data
        TestStaff.Seeded holder = TestStaff.CARD_HOLDER;
        addHca("hpc-staff", "審核人員的醫事人員卡（" + holder.username() + "）", CardType.HPC, holder.nationalId(),
                holder.displayName(), State.VALID);
        log.info("Test environment: {} HCA soft cards and {} NHI cards in the simulated readers", hcaCards.size(),
                nhiCards.size());
    }

}
