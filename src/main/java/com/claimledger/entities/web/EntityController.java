package com.claimledger.entities.web;

import com.claimledger.entities.api.EntityKind;
import com.claimledger.entities.api.EntityQueries.EntityPage;
import com.claimledger.entities.api.EntityQueries.FindEntity;
import com.claimledger.entities.api.EntityQueries.Records;
import com.claimledger.entities.api.EntityQueries.RecordsOf;
import com.claimledger.entities.api.EntityQueries.SearchEntities;
import com.claimledger.entities.api.EntityRecord;
import com.claimledger.entities.api.EntityView;
import com.claimledger.entities.api.EntityWrites;
import com.claimledger.kernel.LedgerException;
import com.claimledger.web.Requests;
import com.claimledger.web.Responses;
import jakarta.validation.Valid;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@RestController
@RequestMapping("/api/entities")
class EntityController {

    /** An entity as served: its names, the ids merged into it, and its record as a source. */
    record EntityResource(String id, String name, EntityKind kind, List<String> aliases, List<String> mergedIds,
                          EntityRecord record) {
    }

    record EntityList(List<EntityResource> items, String next) {
    }

    private final EntityWrites writes;
    private final QueryGateway queries;

    EntityController(EntityWrites writes, QueryGateway queries) {
        this.writes = writes;
        this.queries = queries;
    }

    @PostMapping
    ResponseEntity<EntityResource> register(@Valid @RequestBody EntityWrites.NewEntity body) {
        return Responses.written(writes.register(body), this::get);
    }

    @PostMapping("/{id}/aliases")
    EntityResource addAlias(@PathVariable String id, @Valid @RequestBody EntityWrites.NewAlias body) {
        Requests.pathId("entity", id);
        return get(writes.addAlias(id, body));
    }

    @GetMapping("/{id}")
    EntityResource get(@PathVariable String id) {
        EntityView view = queries.query(new FindEntity(Requests.pathId("entity", id)),
                ResponseTypes.optionalInstanceOf(EntityView.class)).join()
                .orElseThrow(() -> LedgerException.notFound("entity", id));
        return withRecords(List.of(view)).get(0);
    }

    @GetMapping
    EntityList search(@RequestParam(required = false) String q, @RequestParam(required = false) Integer limit,
                      @RequestParam(required = false) String cursor) {
        EntityPage page = queries.query(new SearchEntities(q == null || q.isBlank() ? null : q, Requests.limit(limit), cursor),
                EntityPage.class).join();
        return new EntityList(withRecords(page.items()), page.next());
    }

    private List<EntityResource> withRecords(List<EntityView> views) {
        Map<String, List<String>> members = new LinkedHashMap<>();
        views.forEach(view -> members.put(view.id(), view.memberIds()));
        Records records = queries.query(new RecordsOf(members), Records.class).join();
        return views.stream().map(view -> new EntityResource(view.id(), view.name(), view.kind(), view.aliases(),
                view.mergedIds(), records.byEntity().getOrDefault(view.id(), EntityRecord.NONE))).toList();
    }
}
