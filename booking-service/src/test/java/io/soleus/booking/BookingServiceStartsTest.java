package io.soleus.booking;

import io.soleus.platform.test.ServiceBaselineTest;
import io.soleus.platform.test.SoleusSpringBootTest;

@SoleusSpringBootTest
class BookingServiceStartsTest extends ServiceBaselineTest {
}
