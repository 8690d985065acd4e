package io.soleus.notifications;

import io.soleus.platform.test.ServiceBaselineTest;
import io.soleus.platform.test.SoleusSpringBootTest;

@SoleusSpringBootTest
class NotificationsServiceStartsTest extends ServiceBaselineTest {
}
