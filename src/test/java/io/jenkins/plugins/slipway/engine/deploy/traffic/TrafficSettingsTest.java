package io.jenkins.plugins.slipway.engine.deploy.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.slipway.engine.core.Json;
import io.jenkins.plugins.slipway.request.deploy.TrafficSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrafficSettingsTest {

    private static TrafficSettings read(String json) throws Exception {
        return Json.MAPPER.treeToValue(Json.MAPPER.readTree(json.replace('\'', '"')), TrafficSettings.class);
    }

    @Test
    void shouldReadHaproxyWithDefaults() throws Exception {
        TrafficSettings s = read("{'haproxy': {'address': '127.0.0.1:9999', 'backend': 'app'}, 'servers': {'web1': 'app1'}}");
        assertThat(s.kind()).isEqualTo(TrafficSettings.Kind.HAPROXY);
        assertThat(s.drainTimeoutSeconds()).isEqualTo(30);
        assertThat(s.healthyTimeoutSeconds()).isEqualTo(120);
        assertThat(s.minHealthyPercent()).isEqualTo(50);
        assertThat(s.servers()).containsEntry("web1", "app1");
    }

    @Test
    void shouldNameTheParameterOfEveryMistake() {
        assertThatThrownBy(() -> read("{'drainTimeoutSeconds': 5}")).hasMessageContaining("traffic needs exactly one balancer")
                .hasMessageContaining("none was given");
        assertThatThrownBy(() -> read("{'haproxy': {'address': '127.0.0.1:1', 'backend': 'a'}, 'hooks': {'drainCommand': 'a', 'readyCommand': 'b'}}"))
                .hasMessageContaining("2 were given");
        assertThatThrownBy(() -> read("{'haproxy': {'backend': 'app'}}")).hasMessageContaining("traffic.haproxy needs exactly one of 'address'");
        assertThatThrownBy(() -> read("{'haproxy': {'address': 'nohost', 'backend': 'app'}}")).hasMessageContaining("traffic.haproxy.address must be host:port");
        assertThatThrownBy(() -> read("{'haproxy': {'socket': '/run/haproxy/admin.sock', 'backend': 'app'}}"))
                .hasMessageContaining("traffic.haproxy.sshHost is required with 'socket'");
        assertThatThrownBy(() -> read("{'haproxy': {'socket': 'relative.sock', 'sshHost': 'lb', 'backend': 'app'}}"))
                .hasMessageContaining("traffic.haproxy.socket must be an absolute path");
        assertThatThrownBy(() -> read("{'haproxy': {'address': '127.0.0.1:1'}}")).hasMessageContaining("traffic.haproxy.backend is required");
        assertThatThrownBy(() -> read("{'haproxy': {'address': '127.0.0.1:1', 'backend': 'a;b'}}")).hasMessageContaining("traffic.haproxy.backend");
        assertThatThrownBy(() -> read("{'hooks': {'drainCommand': 'x'}}")).hasMessageContaining("traffic.hooks needs both 'drainCommand'");
        assertThatThrownBy(() -> read("{'hooks': {'drainCommand': 'x', 'readyCommand': 'y', 'on': 'moon'}}"))
                .hasMessageContaining("traffic.hooks.on must be 'host'");
        assertThatThrownBy(() -> read("{'hooks': {'drainCommand': 'x', 'readyCommand': 'y'}, 'minHealthyPercent': 101}"))
                .hasMessageContaining("traffic.minHealthyPercent must be 0..100, was 101");
        assertThatThrownBy(() -> read("{'hooks': {'drainCommand': 'x', 'readyCommand': 'y'}, 'servers': {'web1': 'a b'}}"))
                .hasMessageContaining("traffic.servers maps a deploy host name");
        assertThatThrownBy(() -> read("{'elbv2': {}}")).hasMessageContaining("traffic.elbv2.targetGroups must name at least one");
    }

    @Test
    void shouldParseShowStatOfHaproxy26() {
        String csv = "# pxname,svname,qcur,qmax,scur,smax,slim,stot,bin,bout,dreq,dresp,ereq,econ,eresp,wretr,wredis,status,weight,addr\n"
                + "app,web1,0,0,3,5,,9,0,0,,0,,0,0,0,0,UP,1,127.0.0.1:8081\n"
                + "app,web2,0,0,0,0,,0,0,0,,0,,0,0,0,0,DRAIN,1,127.0.0.1:8082\n"
                + "app,web3,0,0,,0,,0,0,0,,0,,0,0,0,0,no check,1,[::1]:8083\n"
                + "app,BACKEND,0,0,3,5,999,9,0,0,0,0,,0,0,0,0,UP,3,\n"
                + "other,x1,0,0,0,0,,0,0,0,,0,,0,0,0,0,UP,1,10.0.0.1:80\n";
        List<HaproxyTrafficControl.Server> servers = HaproxyTrafficControl.parse(csv, "app");
        assertThat(servers).extracting(HaproxyTrafficControl.Server::name).containsExactly("web1", "web2", "web3");
        assertThat(servers.get(0).scur()).isEqualTo(3);
        assertThat(servers.get(0).healthy()).isTrue();
        assertThat(servers.get(1).healthy()).isFalse();
        assertThat(servers.get(2).healthy()).isTrue();
        assertThat(HaproxyTrafficControl.hostPart(servers.get(2).addr())).isEqualTo("::1");
        assertThat(HaproxyTrafficControl.parse("Unknown command.\n", "app")).isNull();
    }
}
