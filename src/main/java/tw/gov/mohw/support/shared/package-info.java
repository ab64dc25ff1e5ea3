/**
 * Small types every module uses: a rule violation with its message key, and the domain's refusal.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package tw.gov.mohw.support.shared;
