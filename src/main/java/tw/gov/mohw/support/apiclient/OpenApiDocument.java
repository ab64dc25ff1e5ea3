package tw.gov.mohw.support.apiclient;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.OAuthFlow;
import io.swagger.v3.oas.models.security.OAuthFlows;
import io.swagger.v3.oas.models.security.Scopes;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document's two ways in: the browser session (its cookie, with the CSRF token of
 * {@code GET /api/v1/session} in {@code X-CSRF-TOKEN} on every change) and an API client's bearer token from
 * {@code /oauth2/token} (client credentials). Either one suffices for an operation.
 */
@Configuration
class OpenApiDocument {

    @Bean
    OpenAPI openApi() {
        return new OpenAPI()
                .info(new Info().title("報備支援系統 API").version("v1")
                        .description("Support reports (報備支援) of Taiwan's medical personnel. Errors are RFC 9457 "
                                + "problem+json, in Traditional Chinese unless Accept-Language asks for English."))
                .components(new Components()
                        .addSecuritySchemes("session", new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.COOKIE).name("SESSION")
                                .description("The browser's session after signing in; changes also send the CSRF "
                                        + "token of GET /api/v1/session as X-CSRF-TOKEN."))
                        .addSecuritySchemes("apiClient", new SecurityScheme().type(SecurityScheme.Type.OAUTH2)
                                .description("A hospital system's API client, registered by its institution's clerk "
                                        + "on /api-clients: a bearer JWT from /oauth2/token (client credentials); "
                                        + "reports.read for reading, reports.file for anything that changes.")
                                .flows(new OAuthFlows().clientCredentials(new OAuthFlow().tokenUrl("/oauth2/token")
                                        .scopes(new Scopes().addString("reports.read",
                                                "read the institution's reports")
                                                .addString("reports.file", "file for the institution's staff"))))))
                .addSecurityItem(new SecurityRequirement().addList("session"))
                .addSecurityItem(new SecurityRequirement().addList("apiClient", java.util.List.of("reports.read",
                        "reports.file")));
    }
}
