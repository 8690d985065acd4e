package io.soleus.treatment;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The treatment service: see ARCHITECTURE.md for what it owns and which events it publishes and reads. */
@SpringBootApplication
public class TreatmentApplication {

    public static void main(String[] args) {
        SpringApplication.run(TreatmentApplication.class, args);
    }
}
