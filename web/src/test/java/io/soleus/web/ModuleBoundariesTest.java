package io.soleus.web;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The front end knows the services only through their HTTP APIs and the published language (ARCHITECTURE.md). */
@AnalyzeClasses(packages = "io.soleus.web", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleBoundariesTest {

    @ArchTest
    static final ArchRule only_the_published_language = noClasses().that().resideInAPackage("io.soleus.web..")
            .should().dependOnClassesThat().resideInAnyPackage("io.soleus.booking..", "io.soleus.treatment..",
                    "io.soleus.notifications..", "io.soleus.platform..", "io.soleus.identity..")
            .because("the front end calls the services' APIs with the person's token, never their code");
}
