package tw.gov.mohw.support.web;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** @param maxBodyBytes the largest request body the API reads; larger ones get 413 before anything is parsed */
@Validated
@ConfigurationProperties("support.api")
record WebProperties(@Min(1024) int maxBodyBytes) {
}
