package io.soleus.platform.test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.util.List;

import com.tngtech.archunit.lang.ArchRule;

/** The module boundaries of ARCHITECTURE.md as ArchUnit rules, for each service's own test. */
public final class ModuleRules {

    private static final List<String> SERVICES = List.of("booking", "treatment", "notifications");

    private ModuleRules() {
    }

    /**
     * Who may call an endpoint is the service's {@code AccessRules} table, applied before the request
     * is read, not annotations scattered over controllers (which Spring checks after the body).
     */
    public static ArchRule accessIsDecidedInTheAccessRules(String service) {
        return noClasses().that().resideInAPackage("io.soleus." + service + "..")
                .should().dependOnClassesThat().haveFullyQualifiedName("org.springframework.security.access.prepost.PreAuthorize")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.springframework.security.access.annotation.Secured")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("jakarta.annotation.security.RolesAllowed")
                .because("access is decided in one table per service, before a request's body is read");
    }

    /** A service never depends on another service: it learns about them from events only. */
    public static ArchRule serviceStandsAlone(String service) {
        String[] others = SERVICES.stream().filter(other -> !other.equals(service))
                .map(other -> "io.soleus." + other + "..")
                .toArray(String[]::new);
        return noClasses().that().resideInAPackage("io.soleus." + service + "..")
                .should().dependOnClassesThat().resideInAnyPackage(others)
                .because("services learn about each other only from published events");
    }
}
