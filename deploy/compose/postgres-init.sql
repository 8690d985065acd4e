-- One server, three databases: the services never share tables.
CREATE DATABASE soleus_booking;
CREATE DATABASE soleus_treatment;
CREATE DATABASE soleus_notifications;
