package io.soleus.platform.test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.util.List;
import java.util.Set;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import io.soleus.kernel.Actor;

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

    /**
     * Who sees and changes which record ("an admin, the client themself, staff of this clinic") is
     * decided in one policy class per service: no other class asks an actor's roles or clinics, by a
     * call or a method reference.
     */
    public static ArchRule scopeIsDecidedInThePolicy(String service, String policy) {
        Set<String> deciding = Set.of("is", "worksAt", "isClient", "isTherapist", "isClientOnly", "client", "therapist",
                "clientId", "therapistId");
        return noClasses().that().resideInAPackage("io.soleus." + service + "..")
                .and().doNotHaveFullyQualifiedName(policy)
                .should().accessTargetWhere(DescribedPredicate.describe("Actor's roles, clinics or links to a client or therapist",
                        (JavaAccess<?> access) -> access.getTargetOwner().isEquivalentTo(Actor.class)
                                && deciding.contains(access.getName())))
                .because("the scoping rules live in " + policy + ", where they can be read and tested as one");
    }

    /**
     * Aggregates and the commands they handle are the domain: they know who acts (the kernel's
     * {@code Actor}) and which rule says no, never HTTP, servlets, tokens or the platform's web and
     * security layers, which stay in controllers and the access table.
     */
    public static ArchRule aggregatesKnowNothingOfHttpOrSecurity(String service) {
        return noClasses().that().resideInAPackage("io.soleus." + service + "..")
                .and(DescribedPredicate.describe("are aggregates or commands",
                        (JavaClass type) -> type.isAnnotatedWith("org.axonframework.spring.stereotype.Aggregate")
                                || type.getName().matches(".*Commands(\\$.*)?")))
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.http..",
                        "org.springframework.web..", "org.springframework.security..", "jakarta.servlet..",
                        "io.soleus.platform.security..", "io.soleus.platform.web..")
                .because("the domain is decided on the actor and its rules, whatever carried the request");
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
