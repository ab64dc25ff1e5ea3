package tw.gov.mohw.support.web;

import java.time.Clock;
import java.util.Locale;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.LocaleResolver;

/** Language (zh-TW first, English by Accept-Language), the request size limit, and the clock. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

    static final Locale TRADITIONAL_CHINESE = Locale.forLanguageTag("zh-TW");

    @Bean
    LocaleResolver localeResolver() {
        return new LanguageResolver();
    }

    /** {@code ?lang=en} or {@code ?lang=zh-TW} on any page switches the language (and remembers it). */
    @Bean
    org.springframework.web.servlet.config.annotation.WebMvcConfigurer languageSwitch() {
        return new org.springframework.web.servlet.config.annotation.WebMvcConfigurer() {
            @Override
            public void addInterceptors(org.springframework.web.servlet.config.annotation.InterceptorRegistry registry) {
                var change = new org.springframework.web.servlet.i18n.LocaleChangeInterceptor();
                change.setParamName("lang");
                change.setIgnoreInvalidLocale(true);
                registry.addInterceptor(change);
            }
        };
    }

    @Bean
    FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(WebProperties properties, Problems problems) {
        var registration = new FilterRegistrationBean<>(new RequestSizeLimitFilter(properties.maxBodyBytes(), problems));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        registration.addUrlPatterns("/api/*");
        return registration;
    }

    /** Outermost: in front of the session store, the first to need the database. */
    /** First of all: every log line of a request, its 503 included, carries the request's id. */
    @Bean
    FilterRegistrationBean<RequestIds> requestIds() {
        var registration = new FilterRegistrationBean<>(new RequestIds());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    FilterRegistrationBean<DatabaseUnavailableFilter> databaseUnavailableFilter(Problems problems,
            org.springframework.context.MessageSource messages) {
        var registration = new FilterRegistrationBean<>(new DatabaseUnavailableFilter(problems, messages));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    /** Before Spring Security, which would otherwise parse an oversized multipart body looking for its token. */
    @Bean
    FilterRegistrationBean<UploadLimitFilter> uploadLimitFilter(
            @org.springframework.beans.factory.annotation.Value("${spring.servlet.multipart.max-request-size}")
            org.springframework.util.unit.DataSize limit, Problems problems,
            org.springframework.context.MessageSource messages) {
        var registration = new FilterRegistrationBean<>(new UploadLimitFilter(limit.toBytes(), problems, messages));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 11);
        return registration;
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
