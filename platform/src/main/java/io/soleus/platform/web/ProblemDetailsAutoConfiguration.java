package io.soleus.platform.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Import;

/** RFC 9457 problem bodies for every validation and domain error of a service's API. */
@AutoConfiguration
@Import(ProblemDetailsAdvice.class)
public class ProblemDetailsAutoConfiguration {
}
