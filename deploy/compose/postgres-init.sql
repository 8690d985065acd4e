-- One server, a database each: the services and the web front end never share tables.
CREATE DATABASE soleus_booking;
CREATE DATABASE soleus_treatment;
CREATE DATABASE soleus_notifications;
CREATE DATABASE soleus_web;
