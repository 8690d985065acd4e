package io.soleus.treatment;

import io.soleus.platform.test.ServiceBaselineTest;

@TreatmentServiceTest
class TreatmentServiceStartsTest extends ServiceBaselineTest {
}
