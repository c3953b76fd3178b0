package io.maximbatch.admin;

import io.maximbatch.delivery.CampaignDelivery;
import io.maximbatch.delivery.DeliveryReport;
import io.maximbatch.maxim.MaximException;
import java.util.stream.Collectors;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The delivery of campaign executions, as stored (serve refreshes it; no MaxIM call per request): the same JSON
 * document as `campaign-report --json`. An execution with no figures stored yet has them fetched from MaxIM (and
 * stored) by its first request; ?refresh=true fetches them now.
 */
@RestController
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
record DeliveryController(CampaignDelivery delivery) {

    @GetMapping("/api/executions/{id}/delivery")
    ResponseEntity<String> delivery(@PathVariable long id, @RequestParam(defaultValue = "false") boolean refresh) {
        DeliveryReport report;
        try {
            // A campaign that ended since serve's last refresh has nothing stored: its first view fetches and stores it.
            report = refresh ? delivery.fetch(id) : delivery.stored(id).orElseGet(() -> delivery.fetch(id));
        } catch (CampaignDelivery.NoDelivery e) {
            throw ApiProblem.notFound(e.getMessage());
        } catch (MaximException e) {
            throw new ApiProblem(HttpStatus.BAD_GATEWAY, "the delivery could not be fetched from MaxIM: " + e.getMessage(), e);
        }
        return json(report.json());
    }

    /** The stored reports of the newest executions that have one, newest first: what the dashboard shows. */
    @GetMapping("/api/delivery")
    ResponseEntity<String> stored() {
        return json(delivery.storedRecent().stream().map(DeliveryReport::json).collect(Collectors.joining(",", "[", "]")));
    }

    private static ResponseEntity<String> json(String body) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
