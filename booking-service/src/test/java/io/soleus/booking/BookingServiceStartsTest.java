package io.soleus.booking;

import io.soleus.platform.test.ServiceBaselineTest;

@BookingServiceTest
class BookingServiceStartsTest extends ServiceBaselineTest {
}
