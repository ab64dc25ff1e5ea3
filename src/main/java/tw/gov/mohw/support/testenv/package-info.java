/**
 * The test environment: everything production refuses, in one place. The simulated outside world behind the same
 * ports the real adapters implement — the test HCA and its soft cards ({@code identity.hca.ExtraTrust}), the card
 * components on this computer, the NHI service ({@code identity.nhi.NhiCardVerifier}) and verification site
 * ({@code identity.nhi.NhiSite}), the SMS provider ({@code sms.SmsGateway}) and mail server
 * ({@code mail.MailGateway}) with their outboxes — the tester's desk, the test staff accounts, the benchmark's header
 * sign-in ({@code identity.HeaderActors}), and {@link tw.gov.mohw.support.testenv.ProductionGuard}, the one list of
 * what the production profile refuses to start with.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Test environment")
package tw.gov.mohw.support.testenv;
