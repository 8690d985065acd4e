package io.soleus.treatment;

import io.soleus.platform.test.ServiceBaselineTest;
import io.soleus.platform.test.SoleusSpringBootTest;

@SoleusSpringBootTest
class TreatmentServiceStartsTest extends ServiceBaselineTest {
}
