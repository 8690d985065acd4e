package io.soleus.treatment;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.soleus.platform.test.ModuleRules;

@AnalyzeClasses(packages = "io.soleus.treatment", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleBoundariesTest {

    @ArchTest
    static final ArchRule stands_alone = ModuleRules.serviceStandsAlone("treatment");

    @ArchTest
    static final ArchRule access_is_decided_in_the_access_rules = ModuleRules.accessIsDecidedInTheAccessRules("treatment");

    @ArchTest
    static final ArchRule aggregates_know_nothing_of_http_or_security = ModuleRules.aggregatesKnowNothingOfHttpOrSecurity("treatment");

    @ArchTest
    static final ArchRule scope_is_decided_in_the_policy = ModuleRules.scopeIsDecidedInThePolicy("treatment", "io.soleus.treatment.ClinicalPolicy");
}
