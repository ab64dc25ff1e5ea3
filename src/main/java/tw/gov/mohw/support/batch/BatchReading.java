package tw.gov.mohw.support.batch;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import tw.gov.mohw.support.registry.Department;
import tw.gov.mohw.support.registry.Registry;
import tw.gov.mohw.support.report.SupportCategory;

/**
 * The words a batch file may use for categories and departments — the template's drop-down lists — from the message
 * bundle and the registry, so the template offers exactly what a row is read with.
 */
@Component
class BatchReading {

    private static final Locale ZH = Locale.forLanguageTag("zh-TW");

    private final MessageSource messages;
    private final Registry registry;

    BatchReading(MessageSource messages, Registry registry) {
        this.messages = messages;
        this.registry = registry;
    }

    /** 「一般支援」 for each category, as the template lists them. */
    List<BatchTemplate.Option> categories() {
        return java.util.Arrays.stream(SupportCategory.values()).map(c -> new BatchTemplate.Option(c.name(),
                messages.getMessage("enum.SupportCategory." + c.name(), null, ZH))).toList();
    }

    /** 「01 家醫科」 for each department. */
    List<BatchTemplate.Option> departments() {
        return registry.departments().stream().map(d -> new BatchTemplate.Option(d.code(), label(d))).toList();
    }

    BatchRows rows() {
        Map<String, String> categories = new HashMap<>();
        for (BatchTemplate.Option c : categories()) {
            categories.put(c.label(), c.code());
            categories.put(c.code(), c.code());
        }
        Map<String, String> departments = new HashMap<>();
        for (Department d : registry.departments()) {
            departments.put(label(d), d.code());
            departments.put(d.nameZh(), d.code());
            departments.put(d.code(), d.code());
            // 「1」: what Excel makes of 01 typed into a cell not formatted as text
            departments.putIfAbsent(d.code().replaceFirst("^0(?=\\d)", ""), d.code());
        }
        return new BatchRows(categories, departments);
    }

    private static String label(Department d) {
        return d.code() + " " + d.nameZh();
    }
}
