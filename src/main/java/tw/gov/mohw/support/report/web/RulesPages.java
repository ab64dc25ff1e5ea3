package tw.gov.mohw.support.report.web;

import java.time.Period;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tw.gov.mohw.support.registry.Profession;
import tw.gov.mohw.support.registry.Registry;
import tw.gov.mohw.support.report.ReportRules;
import tw.gov.mohw.support.report.RuleParameters;
import tw.gov.mohw.support.report.SupportCategory;
import tw.gov.mohw.support.shared.Actor;
import tw.gov.mohw.support.shared.DomainException;
import tw.gov.mohw.support.shared.Violation;
import tw.gov.mohw.support.web.Problems;

/**
 * 類別及規則參數, for system administrators: whether each category takes new reports, and the parameters of
 * domain.md (longest period in months, days after the fact, allowed professions, weekly hours caps). The form
 * shows the version in force; saving makes a new version. Bad input changes nothing and is shown by its field.
 */
@Controller
class RulesPages {

    private static final int MAX_MONTHS = 120;
    private static final int MAX_DAYS = 365;
    private static final int MAX_HOURS = 168;

    private final RuleParameters rules;
    private final Registry registry;
    private final Problems problems;

    RulesPages(RuleParameters rules, Registry registry, Problems problems) {
        this.rules = rules;
        this.registry = registry;
        this.problems = problems;
    }

    @GetMapping("/admin/rules")
    String show(@AuthenticationPrincipal Actor actor, Model model) {
        requireSystemAdmin(actor);
        ReportRules current = rules.current();
        return page(model, values(current), Map.of(), rules.currentVersion().map(RuleParameters.Version::number)
                .orElse(0));
    }

    @PostMapping("/admin/rules")
    String save(@AuthenticationPrincipal Actor actor, @RequestParam MultiValueMap<String, String> form,
            @RequestParam(name = "basedOn", defaultValue = "0") int basedOn, Model model, RedirectAttributes redirect,
            Locale locale) {
        requireSystemAdmin(actor);
        Map<String, String> values = new LinkedHashMap<>();
        form.forEach((k, v) -> values.put(k, v.isEmpty() || v.get(0) == null ? "" : v.get(0).strip()));
        Map<String, String> errors = new LinkedHashMap<>();
        ReportRules parsed = parse(values, errors, locale);
        if (!errors.isEmpty()) {
            model.addAttribute("notSaved", true);
            return page(model, values, errors, basedOn);
        }
        try {
            redirect.addFlashAttribute("saved", rules.save(actor, parsed, basedOn).number());
        } catch (DomainException e) {
            if (e.refusesAccess()) {
                throw e;
            }
            model.addAttribute("refusals", e.violations().stream().map(v -> problems.message(v, locale)).toList());
            return page(model, values, Map.of(), basedOn);
        }
        return "redirect:/admin/rules";
    }

    private String page(Model model, Map<String, String> values, Map<String, String> errors, int basedOn) {
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        model.addAttribute("basedOn", basedOn);
        model.addAttribute("categories", SupportCategory.values());
        model.addAttribute("professions", registry.professions());
        model.addAttribute("history", rules.history(10));
        return "admin/rules";
    }

    /** The form's fields for the parameters in force: empty where the default applies. */
    private Map<String, String> values(ReportRules r) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("maxMonths", String.valueOf(r.maxPeriod().toTotalMonths()));
        v.put("retroactiveDays", String.valueOf(r.retroactiveDays()));
        for (SupportCategory c : SupportCategory.values()) {
            ReportRules.Category k = r.category(c);
            v.put("open_" + c, r.open(c) ? "on" : "");
            v.put("maxMonths_" + c, k.maxPeriod() == null ? "" : String.valueOf(k.maxPeriod().toTotalMonths()));
            v.put("retroactiveDays_" + c, k.retroactiveDays() == null ? "" : String.valueOf(k.retroactiveDays()));
            v.put("professions_" + c, k.professions() == null ? "" : String.join(",", k.professions().stream()
                    .sorted().toList()));
            v.put("weeklyHoursCap_" + c, k.weeklyHoursCap() == null ? "" : String.valueOf(k.weeklyHoursCap()));
        }
        r.weeklyHoursCapByProfession().forEach((p, cap) -> v.put("cap_" + p, String.valueOf(cap)));
        return v;
    }

    private ReportRules parse(Map<String, String> v, Map<String, String> errors, Locale locale) {
        Integer maxMonths = number(v, "maxMonths", 1, MAX_MONTHS, true, errors, locale);
        Integer retroactive = number(v, "retroactiveDays", 0, MAX_DAYS, true, errors, locale);
        Set<String> known = new LinkedHashSet<>(registry.professions().stream().map(Profession::code).toList());
        ReportRules inForce = rules.current();
        Map<SupportCategory, ReportRules.Category> categories = new EnumMap<>(SupportCategory.class);
        for (SupportCategory c : SupportCategory.values()) {
            Integer months = number(v, "maxMonths_" + c, 1, MAX_MONTHS, false, errors, locale);
            Integer days = number(v, "retroactiveDays_" + c, 0, MAX_DAYS, false, errors, locale);
            Integer cap = number(v, "weeklyHoursCap_" + c, 1, MAX_HOURS, false, errors, locale);
            Set<String> professions = new LinkedHashSet<>();
            for (String p : v.getOrDefault("professions_" + c, "").toUpperCase(Locale.ROOT).split("[,，、\\s]+")) {
                if (!p.isEmpty()) {
                    professions.add(p);
                }
            }
            if (!known.containsAll(professions)) {
                errors.put("professions_" + c, problems.message(Violation.of(null, "rules.professions.unknown"), locale));
            }
            categories.put(c, new ReportRules.Category(months == null ? null : Period.ofMonths(months), days,
                    professions, cap, inForce.longTermCareOnly(c), !"on".equals(v.get("open_" + c))));
        }
        Map<String, Integer> caps = new LinkedHashMap<>();
        for (String p : known) {
            Integer cap = number(v, "cap_" + p, 1, MAX_HOURS, false, errors, locale);
            if (cap != null) {
                caps.put(p, cap);
            }
        }
        return errors.isEmpty() ? new ReportRules(Period.ofMonths(maxMonths), retroactive, categories, caps) : null;
    }

    /** A whole number in [min, max]; empty is "the default" unless {@code required}. */
    private Integer number(Map<String, String> v, String field, int min, int max, boolean required,
            Map<String, String> errors, Locale locale) {
        String text = v.getOrDefault(field, "");
        if (text.isEmpty() && !required) {
            return null;
        }
        try {
            int n = Integer.parseInt(text);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // told below
        }
        errors.put(field, problems.message(Violation.of(field, "rules.number", min, max), locale));
        return null;
    }

    private static void requireSystemAdmin(Actor actor) {
        if (!actor.is(Actor.Role.SYSTEM_ADMIN)) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, Violation.of(null, "rules.forbidden"));
        }
    }
}
