package io.soleus.platform.web;

import java.util.List;
import java.util.Map;

import io.soleus.platform.command.Commands;
import io.soleus.platform.command.IdempotencyKey;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Contact;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.ResolvableType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.method.HandlerMethod;

/**
 * What every service's OpenAPI description says beyond its controllers: how to get in (a bearer JWT
 * from the OpenID Connect provider, on every operation), the RFC 9457 problems each operation may
 * answer, and the {@code Idempotency-Key} header of every operation that takes one. The descriptions
 * pass Redocly's recommended rules, checked by each service's API test.
 */
@AutoConfiguration
public class ApiDescriptionAutoConfiguration {

    static final String BEARER = "bearer";
    static final String PROBLEM = "Problem";
    private static final String PROBLEM_JSON = "application/problem+json";

    static {
        // the key is read by IdempotencyKey's resolver, and described as a header below, not as a query object
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(IdempotencyKey.class);
    }

    @Bean
    GlobalOpenApiCustomizer soleusApiDescription(@Value("${spring.application.name}") String service,
                                                 @Value("${soleus.api.description:}") String description) {
        return api -> {
            api.info(new Info().title("Soleus " + service).version("1")
                    .description(description.isBlank() ? null : description)
                    .contact(new Contact().name("Soleus engineering").url("https://soleus.io"))
                    .license(new License().name("Proprietary").url("https://soleus.io/terms")));
            Components components = api.getComponents() == null ? new Components() : api.getComponents();
            api.components(components
                    .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                            .bearerFormat("JWT")
                            .description("An access token from Soleus' OpenID Connect provider (its aud names soleus-api); "
                                    + "its roles and clinics claims decide what the caller may do and see"))
                    .addSchemas(PROBLEM, problemSchema()));
            api.security(List.of(new SecurityRequirement().addList(BEARER)));
            // relative: the description is right behind whichever host or gateway serves it
            api.servers(List.of(new Server().url("/").description("This service, where this description is served")));
        };
    }

    @Bean
    GlobalOperationCustomizer soleusOperationProblems() {
        return (operation, handler) -> {
            describeNoContent(operation, handler);
            describeIdempotencyKey(operation, handler);
            describeProblems(operation, handler);
            return operation;
        };
    }

    /** A {@code ResponseEntity<Void>} answers 204 with no body, not springdoc's default 200. */
    private static void describeNoContent(Operation operation, HandlerMethod handler) {
        ResolvableType returned = ResolvableType.forMethodReturnType(handler.getMethod());
        ApiResponses responses = operation.getResponses();
        if (returned.toClass() == ResponseEntity.class && returned.getGeneric(0).toClass() == Void.class
                && responses != null && responses.containsKey("200")) {
            responses.remove("200");
            responses.addApiResponse("204", new ApiResponse().description("Done; nothing to answer"));
        }
    }

    private static void describeIdempotencyKey(Operation operation, HandlerMethod handler) {
        if (takesIdempotencyKey(handler)) {
            operation.addParametersItem(new HeaderParameter().name(Commands.IDEMPOTENCY_KEY).required(false)
                    .description("Makes the request safe to repeat: a repeat with the same key answers the first "
                            + "result (marked Idempotent-Replayed) and changes nothing; 1 to 255 visible ASCII characters, "
                            + "kept a day")
                    .schema(new StringSchema().minLength(1).maxLength(255).pattern("^[\\x21-\\x7E]+$")));
        }
    }

    /** The problems an operation may answer, from its shape: input, path ids, changes, keys. */
    private static void describeProblems(Operation operation, HandlerMethod handler) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        boolean takesInput = operation.getRequestBody() != null
                || operation.getParameters() != null && !operation.getParameters().isEmpty();
        boolean namesSomething = operation.getParameters() != null
                && operation.getParameters().stream().anyMatch(parameter -> "path".equals(parameter.getIn()));
        boolean changes = changes(handler);
        if (takesInput) {
            problem(responses, "400", "The request is malformed or a field is invalid; errors name each field");
        }
        problem(responses, "401", "No valid bearer token: missing, expired, forged, or for another issuer or audience");
        problem(responses, "403", "The token's roles or clinics do not allow this");
        if (namesSomething) {
            problem(responses, "404", "Nothing the caller may see has that id");
        }
        if (changes) {
            problem(responses, "409", "A rule refuses the change; rule names it");
        }
        if (takesIdempotencyKey(handler)) {
            problem(responses, "422", "The Idempotency-Key was already used for a different request");
        }
        operation.responses(responses);
    }

    private static void problem(ApiResponses responses, String status, String description) {
        if (!responses.containsKey(status)) {
            responses.addApiResponse(status, new ApiResponse().description(description)
                    .content(new Content().addMediaType(PROBLEM_JSON,
                            new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)))));
        }
    }

    private static boolean takesIdempotencyKey(HandlerMethod handler) {
        for (var parameter : handler.getMethodParameters()) {
            if (parameter.getParameterType() == IdempotencyKey.class) {
                return true;
            }
        }
        return false;
    }

    private static boolean changes(HandlerMethod handler) {
        return handler.hasMethodAnnotation(PostMapping.class) || handler.hasMethodAnnotation(PutMapping.class)
                || handler.hasMethodAnnotation(DeleteMapping.class);
    }

    /** RFC 9457's members, with Soleus' extensions: the invalid fields, or the rule that refused. */
    @SuppressWarnings("rawtypes")
    private static Schema problemSchema() {
        Schema fieldError = new ObjectSchema()
                .addProperty("field", new StringSchema().description("JSON path of the field, or the header's name"))
                .addProperty("message", new StringSchema());
        return new ObjectSchema().description("An RFC 9457 problem")
                .properties(Map.of(
                        "type", new StringSchema().format("uri"),
                        "title", new StringSchema(),
                        "status", new IntegerSchema(),
                        "detail", new StringSchema(),
                        "instance", new StringSchema().format("uri-reference"),
                        "errors", new ArraySchema().items(fieldError).description("Each invalid field (validation problems)"),
                        "rule", new StringSchema().description("The rule that refused a change (rule violations)")));
    }
}
