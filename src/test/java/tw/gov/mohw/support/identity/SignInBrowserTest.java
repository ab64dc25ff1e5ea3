package tw.gov.mohw.support.identity;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import tw.gov.mohw.support.identity.hca.CardType;
import tw.gov.mohw.support.registry.NationalId;
import tw.gov.mohw.support.registry.Registry;
import tw.gov.mohw.support.support.Browser;
import tw.gov.mohw.support.support.Fixtures;
import tw.gov.mohw.support.support.IntegrationTest;
import tw.gov.mohw.support.testenv.CardAgentSimulator;
import tw.gov.mohw.support.testenv.SimulatedSmsGateway;
import tw.gov.mohw.support.testenv.TestCards;
import tw.gov.mohw.support.testenv.TestStaff;

/** The three ways to sign in, in headless Chromium, against the simulated card components and NHI site. */
@IntegrationTest
class SignInBrowserTest {

    private static Browser browser;

    @Autowired Environment environment;
    @Autowired Fixtures fixtures;
    @Autowired Registry registry;
    @Autowired TestCards cards;
    @Autowired CardAgentSimulator agent;
    @Autowired SimulatedSmsGateway sms;
    @Autowired TestStaff staff;

    private BrowserContext context;
    private Page page;

    @BeforeAll
    static void launch() {
        browser = new Browser();
    }

    @AfterAll
    static void quit() {
        browser.close();
    }

    @BeforeEach
    void open() {
        context = browser.context(Browser.DESKTOP, "http://127.0.0.1:" + environment.getProperty("local.server.port"));
        page = context.newPage();
    }

    @AfterEach
    void closePage() {
        context.close();
        agent.insertHca(null);
        agent.insertNhi(null);
    }

    private String person() {
        return fixtures.practitioner(fixtures.institution("63000"));
    }

    @Test
    void hcaCardWithPin() {
        String person = person();
        var card = cards.addHca("b-" + person, "瀏覽器測試卡", CardType.HPC, person, "王小明", TestCards.State.VALID);
        agent.insertHca(card.alias());
        page.navigate("/login#hca");
        assertThat(page.getByText("卡片持有人：王小明")).isVisible();
        assertThat(page.getByRole(AriaRole.STATUS).filter(new com.microsoft.playwright.Locator.FilterOptions()
                .setHasText("已偵測到讀卡元件"))).isVisible();
        Browser.screenshot(page, "login-hca");
        Browser.assertAccessible(page);
        page.getByLabel("PIN 碼").fill("000000");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("以醫事憑證登入")).click();
        // how many tries are left, said in words (the card locks after three)
        assertThat(page.getByRole(AriaRole.ALERT).filter(new com.microsoft.playwright.Locator.FilterOptions()
                .setHasText("PIN 碼錯誤，還可以再試 2 次"))).isVisible();
        page.getByLabel("PIN 碼").fill(TestCards.PIN);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("以醫事憑證登入")).click();
        page.waitForURL("**/");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("我的報備"))).isVisible();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("醫事人員")).click();
        // the name and the masked ID; never the account's raw form with the full ID
        String name = registry.practitioner(tw.gov.mohw.support.registry.NationalId.parse(person)).orElseThrow()
                .name();
        assertThat(page.locator("p.who")).containsText(name + "（" + person.substring(0, 6) + "****）");
        assertThat(page.locator("main")).not().containsText(person);
        assertThat(page.getByText("登入方式：醫事憑證")).isVisible();
        Browser.screenshot(page, "account");
        Browser.assertAccessible(page);
        // and out again
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("登出").setExact(true)).click();
        assertThat(page.getByText("您已登出。")).isVisible();
    }

    @Test
    void aRevokedCardIsToldSo() {
        String person = person();
        var card = cards.addHca("r-" + person, "廢止卡", CardType.HPC, person, "李大同", TestCards.State.REVOKED);
        agent.insertHca(card.alias());
        page.navigate("/login#hca");
        page.getByLabel("PIN 碼").fill(TestCards.PIN);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("以醫事憑證登入")).click();
        assertThat(page.getByRole(AriaRole.ALERT).filter(new com.microsoft.playwright.Locator.FilterOptions()
                .setHasText("此卡片的憑證已被廢止"))).isVisible();
        assertThat(page).hasURL(Pattern.compile(".*/login#hca$"));
    }

    @Test
    void nhiCardWithItsWebPassword() {
        String person = person();
        var card = cards.addNhi(registry.practitioner(NationalId.parse(person)).orElseThrow(), "Web-Pass-9");
        agent.insertNhi(card.cardNumber());
        page.navigate("/login");
        assertThat(page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("健保卡登入(插卡)")))
                .hasAttribute("aria-selected", "true");
        assertThat(page.getByText("卡片持有人：" + card.name())).isVisible();
        page.getByLabel("健保卡網路服務密碼").fill("wrong");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("以健保卡登入")).click();
        assertThat(page.getByText("健保卡網路服務密碼錯誤")).isVisible();
        page.getByLabel("健保卡網路服務密碼").fill("Web-Pass-9");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("以健保卡登入")).click();
        page.waitForURL("**/");
        page.navigate("/account");
        assertThat(page.getByText("登入方式：健保卡(插卡)")).isVisible();
    }

    @Test
    void noCardWithSmsCodeAndTheNhiSite() {
        String person = person();
        String mobile = fixtures.ownMobile(person);
        var card = cards.addNhi(registry.practitioner(NationalId.parse(person)).orElseThrow(), "x");
        page.navigate("/login");
        // by keyboard: the tabs move with the arrow keys
        page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("健保卡登入(插卡)")).focus();
        page.keyboard().press("ArrowRight");
        assertThat(page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("健保卡登入(無插卡)")))
                .hasAttribute("aria-selected", "true");
        page.getByLabel("身分證號").fill(person.toLowerCase());
        page.getByLabel("手機號碼").fill(mobile);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("取得手機驗證碼")).click();
        var countdown = page.locator("button.send-code");
        assertThat(countdown).hasText(Pattern.compile("手機驗證碼\\((60|59|58)秒\\)"));
        assertThat(countdown).isDisabled();
        // the code-wait screen is 40 % of the way, as the ministry's FAQ shows it
        assertThat(page.getByText("已完成申辦流程的 40%")).isVisible();
        await().atMost(Duration.ofSeconds(5)).until(() -> sms.latestTo(mobile).isPresent());
        // a reload keeps the step reached and the countdown where it stands
        page.reload();
        assertThat(page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("健保卡登入(無插卡)")))
                .hasAttribute("aria-selected", "true");
        assertThat(page.getByText("已完成申辦流程的 40%")).isVisible();
        assertThat(countdown).hasText(Pattern.compile("手機驗證碼\\(([1-5][0-9]|60)秒\\)"));
        assertThat(countdown).isDisabled();
        assertThat(page.getByLabel("手機驗證碼", new Page.GetByLabelOptions().setExact(true))).isVisible();
        Matcher code = Pattern.compile("(\\d{6})").matcher(sms.latestTo(mobile).orElseThrow().text());
        assertThat(code.find()).isTrue();
        Browser.screenshot(page, "login-nocard-countdown");
        Browser.assertAccessible(page);
        page.getByLabel("手機驗證碼", new Page.GetByLabelOptions().setExact(true)).fill(code.group(1));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("下一步：前往健保署驗證健保卡卡號")).click();
        page.waitForURL("**/nhi-simulator/verify**");
        assertThat(page.getByText("多因子身分核實及認證機制")).isVisible();
        Browser.screenshot(page, "nhi-simulator");
        Browser.assertAccessible(page);
        page.getByLabel("健保卡卡號").fill(card.cardNumber());
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("確認")).click();
        page.waitForURL("**/");
        page.navigate("/account");
        assertThat(page.getByText("登入方式：健保卡(無插卡)")).isVisible();
    }

    @Test
    void staffWithPasswordAndAuthenticatorCode() {
        page.navigate("/staff/login");
        page.getByLabel("帳號").fill("admin-63000");
        page.getByLabel("密碼", new Page.GetByLabelOptions().setExact(true)).fill("wrong");
        page.getByLabel("驗證碼（驗證器 App）").fill("123456");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("登入").setExact(true)).click();
        assertThat(page.getByText("帳號、密碼或驗證碼錯誤")).isVisible();
        Browser.screenshot(page, "staff-login");
        Browser.assertAccessible(page);
        page.getByLabel("密碼", new Page.GetByLabelOptions().setExact(true)).fill(TestStaff.PASSWORD);
        page.getByLabel("驗證碼（驗證器 App）").fill(Totp.code(staff.accounts().get(0).secret(),
                java.time.Instant.now()));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("登入").setExact(true)).click();
        page.waitForURL("**/");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("本局轄區的報備"))).isVisible();
        page.navigate("/account");
        assertThat(page.getByText("衛生局管理者 臺北市政府衛生局 管理者（admin-63000）")).isVisible();
    }

    @Test
    void theHelpPageIsOpenToEveryone() {
        page.navigate("/login");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("使用說明")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("沒有讀卡機怎麼登入？")))
                .isVisible();
        assertThat(page.getByText("HCAServiSign").first()).isVisible();
        Browser.assertAccessible(page);
        Browser.screenshot(page, "help");
    }

    @Test
    void theLanguageSwitchesToEnglishAndBack() {
        page.navigate("/login");
        assertThat(page.locator("html")).hasAttribute("lang", "zh-Hant-TW");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("English")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Sign in"))).isVisible();
        assertThat(page.locator("html")).hasAttribute("lang", "en");
        page.navigate("/staff/login");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions()
                .setName("Sign-in for health bureau and ministry staff"))).isVisible();
        Browser.assertAccessible(page);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("中文")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("衛生局及衛福部人員登入")))
                .isVisible();
    }

    @Test
    void theApiDocumentationRendersUnderTheContentSecurityPolicy() {
        java.util.List<String> violations = new java.util.ArrayList<>();
        page.onConsoleMessage(m -> {
            if (m.text().contains("Content Security Policy")) {
                violations.add(m.text());
            }
        });
        page.navigate("/swagger-ui/index.html");
        assertThat(page.getByText("/api/v1/submissions").first()).isVisible();
        assertThat(violations).isEmpty();
    }

    @Test
    void theTestersDeskPutsACardInTheReader() {
        String person = person();
        var card = cards.addHca("d-" + person, "桌面測試卡", CardType.HPC, person, "陳測試", TestCards.State.VALID);
        page.navigate("/test-environment");
        page.getByLabel(Pattern.compile("^桌面測試卡")).check();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("插入醫事憑證")).click();
        assertThat(page.getByText("已更換讀卡機中的卡片。")).isVisible();
        assertThat(agent.hcaInserted()).isEqualTo(card.alias());
        // sign-in without a card needs an ID and the mobile number on record: both listed for each NHI card holder
        String holder = person();
        String mobile = fixtures.ownMobile(holder);
        cards.addNhi(registry.practitioner(NationalId.parse(holder)).orElseThrow(), "x");
        page.reload();
        var row = page.getByRole(AriaRole.TABLE, new Page.GetByRoleOptions().setName("可用於無插卡登入的測試人員"))
                .locator("tr").filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText(holder));
        assertThat(row).containsText(mobile);
        Browser.screenshot(page, "test-environment");
        Browser.assertAccessible(page);
    }

    @Test
    void withoutTheComponentThePageOffersTheInstaller() {
        // nothing answers on the component's ports
        context.route("https://127.0.0.1:*/**", route -> route.abort("connectionrefused"));
        context.addInitScript("window.WebSocket = function () { const s = {}; "
                + "setTimeout(() => s.onerror && s.onerror(new Event('error')), 10); return s; };");
        page.navigate("/login#hca");
        var prompt = page.getByText("尚未安裝元件或未啟動 HCAServiSign 元件，請啟動服務或按此下載");
        assertThat(prompt).isVisible();
        assertThat(page.locator("#panel-hca").getByRole(AriaRole.LINK, new com.microsoft.playwright.Locator
                .GetByRoleOptions().setName("下載元件"))).hasAttribute("href", "https://hca.nat.gov.tw/");
        Browser.screenshot(page, "login-no-component");
        Browser.assertAccessible(page);
        page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("健保卡登入(插卡)")).click();
        assertThat(page.getByText("尚未安裝或未啟動健保卡讀卡機元件，請啟動服務或按此下載")).isVisible();
    }

    @Test
    void phonesAreOfferedTheNoCardWayAndNothingScrollsSideways() {
        BrowserContext phone = browser.context(Browser.PHONE,
                "http://127.0.0.1:" + environment.getProperty("local.server.port"));
        Page p = phone.newPage();
        p.navigate("/login#hca");
        assertThat(p.locator("#panel-hca").getByText("Apple 電腦及行動裝置不支援插卡登入")).isVisible();
        Browser.screenshot(p, "login-phone");
        Browser.assertAccessible(p);
        assertThat((Boolean) p.evaluate("document.documentElement.scrollWidth <= window.innerWidth")).isTrue();
        p.locator("#panel-hca").getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions()
                .setName("改用健保卡登入(無插卡)")).click();
        assertThat(p.getByLabel("身分證號")).isVisible();
        phone.close();
    }
}
