package io.soleus.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.soleus.bench.Report.Figure;
import org.junit.jupiter.api.Test;

class ChartTest {

    @Test
    void draws_each_measure_as_bars_and_a_table_with_the_text_escaped() {
        String page = Chart.page("Bookings <over> HTTP", "plain JDBC", "2 cores", List.of(
                new Figure("four clinics", "32 callers", "throughput", "bookings/s", 313, 4410, false),
                new Figure("four clinics", "32 callers", "p99", "ms", 307, 74, true)), Map.of("rows", "4 & more"));

        assertThat(page).startsWith("<!doctype html>")
                .contains("<title>Bookings &lt;over&gt; HTTP</title>", "svg{max-width:100%;height:auto}")
                .contains("<h2>throughput (bookings/s)</h2>", "<h2>p99 (ms)</h2>")
                .contains("<td>313.00</td><td>4410.00</td><td>0.07</td>", "<dd>4 &amp; more</dd>")
                .endsWith("</body></html>\n");
        assertThat(page.split("<svg ", -1)).hasSize(3);
    }
}
