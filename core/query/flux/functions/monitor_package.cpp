// Packages written in Flux over the notification builtins (notification_packages.cpp), as
// Flux's standard library defines them for InfluxDB 2.7: influxdata/influxdb/monitor (check
// statuses and notifications in _monitoring), slack and http (message/post and endpoint).
// Defining them in Flux keeps their semantics (defaults, group keys, the columns they add)
// those of the pipelines they stand for.
#include "core/query/flux/functions/registry.h"

namespace tidewater::query::flux {

namespace {

const char kMonitor[] = R"flux(
import "experimental"
import "influxdata/influxdb/v1"
import tidewaterNotify "internal/notify"

bucket = "_monitoring"

levelOK = "ok"
levelInfo = "info"
levelWarn = "warn"
levelCrit = "crit"
levelUnknown = "unknown"

// The universe's from(), which this package's own from() hides.
_universeFrom = from
_fromBucket = (name) => _universeFrom(bucket: name)

write = (tables=<-) => tables |> experimental.to(bucket: bucket)
log = (tables=<-) => tables |> experimental.to(bucket: bucket)

from = (start, stop=now(), fn=(r) => true) =>
    _fromBucket(name: bucket)
        |> range(start: start, stop: stop)
        |> filter(fn: (r) => r._measurement == "statuses")
        |> filter(fn: fn)
        |> v1.fieldsAsCols()

logs = (start, stop=now(), fn) =>
    _fromBucket(name: bucket)
        |> range(start: start, stop: stop)
        |> filter(fn: (r) => r._measurement == "notifications")
        |> filter(fn: fn)
        |> v1.fieldsAsCols()

stateChangesOnly = (tables=<-) =>
    tables
        |> map(fn: (r) => ({r with level_value:
                if r._level == levelCrit then 4
                else if r._level == levelWarn then 3
                else if r._level == levelInfo then 2
                else if r._level == levelOK then 1
                else 0}))
        |> duplicate(column: "_level", as: "____temp_level____")
        |> drop(columns: ["_level"])
        |> rename(columns: {"____temp_level____": "_level"})
        |> sort(columns: ["_source_timestamp", "_time"], desc: false)
        |> difference(columns: ["level_value"])
        |> filter(fn: (r) => r.level_value != 0)
        |> drop(columns: ["level_value"])
        |> experimental.group(mode: "extend", columns: ["_level"])

_stateChanges = (fromLevel, toLevel, tables=<-) => {
    toLevelFilter = if toLevel == "any" then (r) => r._level != fromLevel and exists r._level
        else (r) => r._level == toLevel
    fromLevelFilter = if fromLevel == "any" then (r) => r._level != toLevel and exists r._level
        else (r) => r._level == fromLevel

    return tables
        |> map(fn: (r) => ({r with level_value: if toLevelFilter(r: r) then 1 else if fromLevelFilter(r: r) then 0 else -10}))
        |> duplicate(column: "_level", as: "____temp_level____")
        |> drop(columns: ["_level"])
        |> rename(columns: {"____temp_level____": "_level"})
        |> sort(columns: ["_source_timestamp", "_time"], desc: false)
        |> difference(columns: ["level_value"])
        |> filter(fn: (r) => r.level_value == 1)
        |> drop(columns: ["level_value"])
        |> experimental.group(mode: "extend", columns: ["_level"])
}

stateChanges = (fromLevel="any", toLevel="any", tables=<-) =>
    if fromLevel == "any" and toLevel == "any" then tables |> stateChangesOnly()
    else tables |> _stateChanges(fromLevel: fromLevel, toLevel: toLevel)

deadman = (t, tables=<-) =>
    tables
        |> max(column: "_time")
        |> map(fn: (r) => ({r with dead: r._time < t}))

check = (tables=<-, data, messageFn, crit=(r) => false, warn=(r) => false, info=(r) => false, ok=(r) => true) =>
    tables
        |> experimental.set(o: data.tags)
        |> experimental.group(mode: "extend", columns: experimental.objectKeys(o: data.tags))
        |> map(fn: (r) => ({r with
            _measurement: "statuses",
            _source_measurement: r._measurement,
            _type: data._type,
            _check_id: data._check_id,
            _check_name: data._check_name,
            _level:
                if crit(r: r) then levelCrit
                else if warn(r: r) then levelWarn
                else if info(r: r) then levelInfo
                else if ok(r: r) then levelOK
                else levelUnknown,
            _source_timestamp: int(v: r._time),
            _time: now(),
        }))
        |> map(fn: (r) => ({r with _message: messageFn(r: r)}))
        |> experimental.group(mode: "extend", columns: ["_source_measurement", "_type", "_check_id", "_check_name", "_level"])
        |> write()

// The notifications rows are written as the host reports each delivery (_sent true/false).
notify = (tables=<-, endpoint, data) =>
    tables
        |> experimental.set(o: data)
        |> experimental.group(mode: "extend", columns: experimental.objectKeys(o: data))
        |> map(fn: (r) => ({r with _measurement: "notifications", _status_timestamp: int(v: r._time), _time: now()}))
        |> tidewaterNotify.deliver(endpoint: endpoint)
        |> experimental.group(mode: "extend", columns: ["_sent"])
)flux";

const char kSlack[] = R"flux(
import tidewaterNotify "internal/notify"

defaultURL = "https://slack.com/api/chat.postMessage"

message = (url=defaultURL, token="", channel, text, color) =>
    tidewaterNotify.slack(url: url, token: token, channel: channel, text: text, color: color)

endpoint = (url=defaultURL, token="") => (mapFn) => (tables=<-) =>
    tables
        |> map(fn: (r) => {
            obj = mapFn(r: r)
            return {r with _sent: string(v: 2 == message(url: url, token: token, channel: obj.channel, text: obj.text, color: obj.color) / 100)}
        })
)flux";

const char kHttp[] = R"flux(
import tidewaterNotify "internal/notify"

post = (url, headers={}, data="") => tidewaterNotify.send(url: url, method: "POST", headers: headers, body: data)

endpoint = (url) => (mapFn) => (tables=<-) =>
    tables
        |> map(fn: (r) => {
            obj = mapFn(r: r)
            return {r with _sent: string(v: 200 == post(url: url, headers: obj.headers, data: obj.data))}
        })
)flux";

}  // namespace

const char* notification_flux_source(std::string_view path) {
  if (path == "influxdata/influxdb/monitor") return kMonitor;
  if (path == "slack") return kSlack;
  if (path == "http") return kHttp;
  return nullptr;
}

}  // namespace tidewater::query::flux
