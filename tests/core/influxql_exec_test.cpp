// InfluxQL execution on the tutorial data (../shared/tutorial/home.lp): exact v1 JSON answers.
//
// The expected bodies are what InfluxDB 1.6.7 answered for the same data and queries (run by
// hand with ../shared/bench/peer_influxdb1.sh's setup); the test itself needs no server.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "core/lineprotocol/parser.h"
#include "core/model/format.h"
#include "core/query/influxql/influxql.h"
#include "core/query/memory_bucket.h"

using namespace tidewater;
using namespace tidewater::influxql;

namespace {

struct Tutorial {
  query::MemoryBucket bucket;
  InfluxqlContext ctx;
  Tutorial() {
    std::ifstream in(std::string(TW_SHARED_DIR) + "/tutorial/home.lp");
    REQUIRE(in.good());
    std::stringstream text;
    text << in.rdbuf();
    auto points = lineprotocol::parse(text.str(), model::Precision::kSeconds, 0);
    REQUIRE(points.ok());
    for (const auto& p : *points) bucket.add(p);
    REQUIRE(model::parse_rfc3339("2022-01-02T00:00:00Z", &ctx.now_ns));
    ctx.database = "get-started";
    ctx.open_bucket = [this](std::string_view db, std::string_view rp) -> Result<const storage::BucketReader*> {
      if (db == "get-started" && (rp.empty() || rp == "autogen")) return static_cast<const storage::BucketReader*>(&bucket);
      return Status(ErrorCode::kNotFound, "database not found: " + std::string(db));
    };
    ctx.list_databases = [] { return std::vector<std::string>{"get-started"}; };
    ctx.list_retention_policies = [](std::string_view db) -> Result<std::vector<RetentionPolicyInfo>> {
      if (db != "get-started") return Status(ErrorCode::kNotFound, "database not found: " + std::string(db));
      return std::vector<RetentionPolicyInfo>{RetentionPolicyInfo{"autogen"}};
    };
  }
  std::string run(std::string_view q, std::string epoch = "") { return run_influxql(q, ctx, OutputOptions{epoch, false}); }
};

// The tutorial data plus a second measurement with string and boolean fields and a series
// without tags.
struct TwoMeasurements : Tutorial {
  TwoMeasurements() {
    const char* extra =
        "weather,city=Paris temp=5.5,desc=\"cloudy\",rain=true 1641024000\n"
        "weather,city=Paris temp=6.5,desc=\"rain\",rain=false 1641027600\n"
        "weather,city=Oslo temp=-3,desc=\"snow\",rain=false 1641024000\n"
        "weather temp=1.5 1641031200\n";
    auto points = lineprotocol::parse(extra, model::Precision::kSeconds, 0);
    REQUIRE(points.ok());
    for (const auto& p : *points) bucket.add(p);
  }
};

struct Case {
  const char* query;
  const char* json;
};

// Query and InfluxDB's answer, one per line pair.
const Case kCases[] = {
    {R"q(SELECT co,hum,temp,room FROM "get-started".autogen.home WHERE time >= '2022-01-01T08:00:00Z' AND time <= '2022-01-01T20:00:00Z')q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","co","hum","temp","room"],"values":[["2022-01-01T08:00:00Z",0,35.9,21,"Kitchen"],["2022-01-01T08:00:00Z",0,35.9,21.1,"Living Room"],["2022-01-01T09:00:00Z",0,36.2,23,"Kitchen"],["2022-01-01T09:00:00Z",0,35.9,21.4,"Living Room"],["2022-01-01T10:00:00Z",0,36.1,22.7,"Kitchen"],["2022-01-01T10:00:00Z",0,36,21.8,"Living Room"],["2022-01-01T11:00:00Z",0,36,22.4,"Kitchen"],["2022-01-01T11:00:00Z",0,36,22.2,"Living Room"],["2022-01-01T12:00:00Z",0,36,22.5,"Kitchen"],["2022-01-01T12:00:00Z",0,35.9,22.2,"Living Room"],["2022-01-01T13:00:00Z",1,36.5,22.8,"Kitchen"],["2022-01-01T13:00:00Z",0,36,22.4,"Living Room"],["2022-01-01T14:00:00Z",1,36.3,22.8,"Kitchen"],["2022-01-01T14:00:00Z",0,36.1,22.3,"Living Room"],["2022-01-01T15:00:00Z",3,36.2,22.7,"Kitchen"],["2022-01-01T15:00:00Z",1,36.1,22.3,"Living Room"],["2022-01-01T16:00:00Z",7,36,22.4,"Kitchen"],["2022-01-01T16:00:00Z",4,36,22.4,"Living Room"],["2022-01-01T17:00:00Z",9,36,22.7,"Kitchen"],["2022-01-01T17:00:00Z",5,35.9,22.6,"Living Room"],["2022-01-01T18:00:00Z",18,36.9,23.3,"Kitchen"],["2022-01-01T18:00:00Z",9,36.2,22.8,"Living Room"],["2022-01-01T19:00:00Z",22,36.6,23.1,"Kitchen"],["2022-01-01T19:00:00Z",14,36.3,22.5,"Living Room"],["2022-01-01T20:00:00Z",26,36.5,22.7,"Kitchen"],["2022-01-01T20:00:00Z",17,36.4,22.2,"Living Room"]]}]}]})j"},
    {R"q(SELECT mean(temp) FROM home WHERE time >= '2022-01-01T08:00:00Z' AND time <= '2022-01-01T20:00:00Z' GROUP BY time(4h))q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","mean"],"values":[["2022-01-01T08:00:00Z",21.95],["2022-01-01T12:00:00Z",22.5],["2022-01-01T16:00:00Z",22.725],["2022-01-01T20:00:00Z",22.45]]}]}]})j"},
    {R"q(SELECT count(co), sum(co), min(temp), max(temp), first(hum), last(hum) FROM home WHERE time >= '2022-01-01T08:00:00Z' AND time <= '2022-01-01T20:00:00Z' GROUP BY time(6h), room)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","tags":{"room":"Kitchen"},"columns":["time","count","sum","min","max","first","last"],"values":[["2022-01-01T06:00:00Z",4,0,21,23,35.9,36],["2022-01-01T12:00:00Z",6,21,22.4,22.8,36,36],["2022-01-01T18:00:00Z",3,66,22.7,23.3,36.9,36.5]]},{"name":"home","tags":{"room":"Living Room"},"columns":["time","count","sum","min","max","first","last"],"values":[["2022-01-01T06:00:00Z",4,0,21.1,22.2,35.9,36],["2022-01-01T12:00:00Z",6,10,22.2,22.6,35.9,35.9],["2022-01-01T18:00:00Z",3,40,22.2,22.8,36.2,36.4]]}]}]})j"},
    {R"q(SELECT mean(temp) FROM home WHERE time >= '2022-01-01T06:00:00Z' AND time < '2022-01-01T11:00:00Z' AND room = 'Kitchen' GROUP BY time(30m))q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","mean"],"values":[["2022-01-01T06:00:00Z",null],["2022-01-01T06:30:00Z",null],["2022-01-01T07:00:00Z",null],["2022-01-01T07:30:00Z",null],["2022-01-01T08:00:00Z",21],["2022-01-01T08:30:00Z",null],["2022-01-01T09:00:00Z",23],["2022-01-01T09:30:00Z",null],["2022-01-01T10:00:00Z",22.7],["2022-01-01T10:30:00Z",null]]}]}]})j"},
    {R"q(SELECT mean(temp) FROM home WHERE time >= '2022-01-01T06:00:00Z' AND time < '2022-01-01T11:00:00Z' AND room = 'Kitchen' GROUP BY time(30m) fill(none))q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","mean"],"values":[["2022-01-01T08:00:00Z",21],["2022-01-01T09:00:00Z",23],["2022-01-01T10:00:00Z",22.7]]}]}]})j"},
    {R"q(SELECT mean(temp) FROM home WHERE time >= '2022-01-01T06:00:00Z' AND time < '2022-01-01T11:00:00Z' AND room = 'Kitchen' GROUP BY time(30m) fill(previous))q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","mean"],"values":[["2022-01-01T06:00:00Z",null],["2022-01-01T06:30:00Z",null],["2022-01-01T07:00:00Z",null],["2022-01-01T07:30:00Z",null],["2022-01-01T08:00:00Z",21],["2022-01-01T08:30:00Z",21],["2022-01-01T09:00:00Z",23],["2022-01-01T09:30:00Z",23],["2022-01-01T10:00:00Z",22.7],["2022-01-01T10:30:00Z",22.7]]}]}]})j"},
    {R"q(SELECT mean(temp) FROM home WHERE time >= '2022-01-01T06:00:00Z' AND time < '2022-01-01T11:00:00Z' AND room = 'Kitchen' GROUP BY time(30m) fill(linear))q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","mean"],"values":[["2022-01-01T06:00:00Z",null],["2022-01-01T06:30:00Z",null],["2022-01-01T07:00:00Z",null],["2022-01-01T07:30:00Z",null],["2022-01-01T08:00:00Z",21],["2022-01-01T08:30:00Z",22],["2022-01-01T09:00:00Z",23],["2022-01-01T09:30:00Z",22.85],["2022-01-01T10:00:00Z",22.7],["2022-01-01T10:30:00Z",null]]}]}]})j"},
    {R"q(SELECT mean(temp), count(temp) FROM home WHERE time >= '2022-01-01T06:00:00Z' AND time < '2022-01-01T11:00:00Z' AND room = 'Kitchen' GROUP BY time(30m) fill(0))q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","mean","count"],"values":[["2022-01-01T06:00:00Z",0,0],["2022-01-01T06:30:00Z",0,0],["2022-01-01T07:00:00Z",0,0],["2022-01-01T07:30:00Z",0,0],["2022-01-01T08:00:00Z",21,1],["2022-01-01T08:30:00Z",0,0],["2022-01-01T09:00:00Z",23,1],["2022-01-01T09:30:00Z",0,0],["2022-01-01T10:00:00Z",22.7,1],["2022-01-01T10:30:00Z",0,0]]}]}]})j"},
    {R"q(SELECT max(temp) FROM home)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","max"],"values":[["2022-01-01T18:00:00Z",23.3]]}]}]})j"},
    {R"q(SELECT mean(temp), max(temp) FROM home)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","mean","max"],"values":[["1970-01-01T00:00:00Z",22.396153846153844,23.3]]}]}]})j"},
    {R"q(SELECT mean(*) FROM home GROUP BY room)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","tags":{"room":"Kitchen"},"columns":["time","mean_co","mean_hum","mean_temp"],"values":[["1970-01-01T00:00:00Z",6.6923076923076925,36.246153846153845,22.623076923076926]]},{"name":"home","tags":{"room":"Living Room"},"columns":["time","mean_co","mean_hum","mean_temp"],"values":[["1970-01-01T00:00:00Z",3.8461538461538463,36.05384615384615,22.16923076923077]]}]}]})j"},
    {R"q(SELECT * FROM home LIMIT 2)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","co","hum","room","temp"],"values":[["2022-01-01T08:00:00Z",0,35.9,"Kitchen",21],["2022-01-01T08:00:00Z",0,35.9,"Living Room",21.1]]}]}]})j"},
    {R"q(SELECT * FROM home GROUP BY room LIMIT 1)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","tags":{"room":"Kitchen"},"columns":["time","co","hum","temp"],"values":[["2022-01-01T08:00:00Z",0,35.9,21]]},{"name":"home","tags":{"room":"Living Room"},"columns":["time","co","hum","temp"],"values":[["2022-01-01T08:00:00Z",0,35.9,21.1]]}]}]})j"},
    {R"q(SELECT temp FROM home WHERE room = 'Kitchen' ORDER BY time DESC LIMIT 2)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","temp"],"values":[["2022-01-01T20:00:00Z",22.7],["2022-01-01T19:00:00Z",23.1]]}]}]})j"},
    {R"q(SELECT temp FROM home WHERE co > 20)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","temp"],"values":[["2022-01-01T19:00:00Z",23.1],["2022-01-01T20:00:00Z",22.7]]}]}]})j"},
    {R"q(SELECT temp, co FROM home WHERE room =~ /Liv/ AND (co > 10 OR hum > 36.3))q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","temp","co"],"values":[["2022-01-01T19:00:00Z",22.5,14],["2022-01-01T20:00:00Z",22.2,17]]}]}]})j"},
    {R"q(SELECT temp * 1.8 + 32, hum / 100 FROM home WHERE room = 'Kitchen' LIMIT 3)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","temp","hum"],"values":[["2022-01-01T08:00:00Z",69.80000000000001,0.359],["2022-01-01T09:00:00Z",73.4,0.36200000000000004],["2022-01-01T10:00:00Z",72.86,0.361]]}]}]})j"},
    {R"q(SELECT round(temp), abs(co), sqrt(hum), pow(co, 2) FROM home WHERE room = 'Kitchen' LIMIT 3)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","round","abs","sqrt","pow"],"values":[["2022-01-01T08:00:00Z",21,0,5.991660871578097,0],["2022-01-01T09:00:00Z",23,0,6.016643582596529,0],["2022-01-01T10:00:00Z",23,0,6.008327554319921,0]]}]}]})j"},
    {R"q(SELECT derivative(temp, 1h) FROM home WHERE room = 'Kitchen' LIMIT 3)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","derivative"],"values":[["2022-01-01T09:00:00Z",2],["2022-01-01T10:00:00Z",-0.3000000000000007],["2022-01-01T11:00:00Z",-0.3000000000000007]]}]}]})j"},
    {R"q(SELECT difference(co), non_negative_difference(temp) FROM home WHERE room = 'Living Room' LIMIT 4)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","difference","non_negative_difference"],"values":[["2022-01-01T09:00:00Z",0,0.29999999999999716],["2022-01-01T10:00:00Z",0,0.40000000000000213],["2022-01-01T11:00:00Z",0,0.3999999999999986],["2022-01-01T12:00:00Z",0,0]]}]}]})j"},
    {R"q(SELECT moving_average(temp, 3) FROM home WHERE room = 'Kitchen' LIMIT 3)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","moving_average"],"values":[["2022-01-01T10:00:00Z",22.233333333333334],["2022-01-01T11:00:00Z",22.7],["2022-01-01T12:00:00Z",22.53333333333333]]}]}]})j"},
    {R"q(SELECT cumulative_sum(co) FROM home WHERE room = 'Kitchen')q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","cumulative_sum"],"values":[["2022-01-01T08:00:00Z",0],["2022-01-01T09:00:00Z",0],["2022-01-01T10:00:00Z",0],["2022-01-01T11:00:00Z",0],["2022-01-01T12:00:00Z",0],["2022-01-01T13:00:00Z",1],["2022-01-01T14:00:00Z",2],["2022-01-01T15:00:00Z",5],["2022-01-01T16:00:00Z",12],["2022-01-01T17:00:00Z",21],["2022-01-01T18:00:00Z",39],["2022-01-01T19:00:00Z",61],["2022-01-01T20:00:00Z",87]]}]}]})j"},
    {R"q(SELECT elapsed(temp, 1m) FROM home WHERE room = 'Kitchen' LIMIT 2)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","elapsed"],"values":[["2022-01-01T09:00:00Z",60],["2022-01-01T10:00:00Z",60]]}]}]})j"},
    {R"q(SELECT derivative(mean(temp)) FROM home WHERE time >= '2022-01-01T08:00:00Z' AND time <= '2022-01-01T20:00:00Z' GROUP BY time(4h))q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","derivative"],"values":[["2022-01-01T12:00:00Z",0.5500000000000007],["2022-01-01T16:00:00Z",0.22500000000000142],["2022-01-01T20:00:00Z",-0.27500000000000213]]}]}]})j"},
    {R"q(SELECT median(temp), spread(co), stddev(hum), mode(co), percentile(temp, 90) FROM home GROUP BY room)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","tags":{"room":"Kitchen"},"columns":["time","median","spread","stddev","mode","percentile"],"values":[["1970-01-01T00:00:00Z",22.7,26,0.29892971474742064,0,23.1]]},{"name":"home","tags":{"room":"Living Room"},"columns":["time","median","spread","stddev","mode","percentile"],"values":[["1970-01-01T00:00:00Z",22.3,17,0.16132464481796036,0,22.6]]}]}]})j"},
    {R"q(SELECT distinct(co) FROM home WHERE room = 'Living Room')q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","distinct"],"values":[["1970-01-01T00:00:00Z",0],["1970-01-01T00:00:00Z",1],["1970-01-01T00:00:00Z",4],["1970-01-01T00:00:00Z",5],["1970-01-01T00:00:00Z",9],["1970-01-01T00:00:00Z",14],["1970-01-01T00:00:00Z",17]]}]}]})j"},
    {R"q(SELECT top(co, 3) FROM home)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","top"],"values":[["2022-01-01T18:00:00Z",18],["2022-01-01T19:00:00Z",22],["2022-01-01T20:00:00Z",26]]}]}]})j"},
    {R"q(SELECT bottom(temp, 2) FROM home WHERE room = 'Kitchen')q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","bottom"],"values":[["2022-01-01T08:00:00Z",21],["2022-01-01T11:00:00Z",22.4]]}]}]})j"},
    {R"q(SELECT max(m) FROM (SELECT mean(temp) AS m FROM home GROUP BY room))q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","max"],"values":[["1970-01-01T00:00:00Z",22.623076923076926]]}]}]})j"},
    {R"q(SELECT count(temp) FROM home WHERE time > '2022-01-01T18:00:00Z'; SELECT last(co) FROM home GROUP BY room)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","count"],"values":[["2022-01-01T18:00:00.000000001Z",4]]}]},{"statement_id":1,"series":[{"name":"home","tags":{"room":"Kitchen"},"columns":["time","last"],"values":[["2022-01-01T20:00:00Z",26]]},{"name":"home","tags":{"room":"Living Room"},"columns":["time","last"],"values":[["2022-01-01T20:00:00Z",17]]}]}]})j"},
    {R"q(SELECT mean(temp) FROM nosuch)q",
     R"j({"results":[{"statement_id":0}]})j"},
    {R"q(SELECT foo(temp) FROM home)q",
     R"j({"results":[{"statement_id":0,"error":"undefined function foo()"}]})j"},
    {R"q(SELECT temp FROM home WHERE time > 'abc')q",
     R"j({"results":[{"statement_id":0,"error":"invalid operation: time and *influxql.StringLiteral are not compatible"}]})j"},
    {R"q(SELECT mean(temp) FROM home GROUP BY time(1h) fill(none) SLIMIT 1)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","mean"],"values":[["2022-01-01T08:00:00Z",21.05],["2022-01-01T09:00:00Z",22.2],["2022-01-01T10:00:00Z",22.25],["2022-01-01T11:00:00Z",22.299999999999997],["2022-01-01T12:00:00Z",22.35],["2022-01-01T13:00:00Z",22.6],["2022-01-01T14:00:00Z",22.55],["2022-01-01T15:00:00Z",22.5],["2022-01-01T16:00:00Z",22.4],["2022-01-01T17:00:00Z",22.65],["2022-01-01T18:00:00Z",23.05],["2022-01-01T19:00:00Z",22.8],["2022-01-01T20:00:00Z",22.45]]}]}]})j"},
    {R"q(SELECT temp::field, room::tag FROM home WHERE time = '2022-01-01T08:00:00Z')q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","temp","room"],"values":[["2022-01-01T08:00:00Z",21,"Kitchen"],["2022-01-01T08:00:00Z",21.1,"Living Room"]]}]}]})j"},
    {R"q(SELECT /^t/ FROM home WHERE room = 'Kitchen' AND time < '2022-01-01T10:00:00Z')q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","temp"],"values":[["2022-01-01T08:00:00Z",21],["2022-01-01T09:00:00Z",23]]}]}]})j"},
    {R"q(SELECT max(temp), hum FROM home)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","max","hum"],"values":[["2022-01-01T18:00:00Z",23.3,36.9]]}]}]})j"},
    {R"q(SELECT mean(temp) FROM home WHERE time >= '2022-01-01T08:00:00Z' AND time <= '2022-01-01T20:00:00Z' GROUP BY time(4h, 1h))q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","mean"],"values":[["2022-01-01T05:00:00Z",21.05],["2022-01-01T09:00:00Z",22.275],["2022-01-01T13:00:00Z",22.5125],["2022-01-01T17:00:00Z",22.7375]]}]}]})j"},
    {R"q(SELECT sum(co) AS total FROM home WHERE time >= '2022-01-01T08:00:00Z' AND time < '2022-01-01T12:00:00Z' GROUP BY time(1h) ORDER BY time DESC)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","total"],"values":[["2022-01-01T11:00:00Z",0],["2022-01-01T10:00:00Z",0],["2022-01-01T09:00:00Z",0],["2022-01-01T08:00:00Z",0]]}]}]})j"},
    {R"q(SHOW DATABASES)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"databases","columns":["name"],"values":[["get-started"]]}]}]})j"},
    {R"q(SHOW RETENTION POLICIES)q",
     R"j({"results":[{"statement_id":0,"series":[{"columns":["name","duration","shardGroupDuration","replicaN","default"],"values":[["autogen","0s","168h0m0s",1,true]]}]}]})j"},
    {R"q(SHOW MEASUREMENTS)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"measurements","columns":["name"],"values":[["home"]]}]}]})j"},
    {R"q(SHOW MEASUREMENTS WITH MEASUREMENT =~ /ho/)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"measurements","columns":["name"],"values":[["home"]]}]}]})j"},
    {R"q(SHOW TAG KEYS)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["tagKey"],"values":[["room"]]}]}]})j"},
    {R"q(SHOW TAG VALUES WITH KEY = room)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["key","value"],"values":[["room","Kitchen"],["room","Living Room"]]}]}]})j"},
    {R"q(SHOW TAG VALUES FROM home WITH KEY IN (room) WHERE room =~ /Kit/)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["key","value"],"values":[["room","Kitchen"]]}]}]})j"},
    {R"q(SHOW FIELD KEYS)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["fieldKey","fieldType"],"values":[["co","integer"],["hum","float"],["temp","float"]]}]}]})j"},
    {R"q(SHOW SERIES)q",
     R"j({"results":[{"statement_id":0,"series":[{"columns":["key"],"values":[["home,room=Kitchen"],["home,room=Living\\ Room"]]}]}]})j"},
    {R"q(SHOW SERIES WHERE room = 'Kitchen')q",
     R"j({"results":[{"statement_id":0,"series":[{"columns":["key"],"values":[["home,room=Kitchen"]]}]}]})j"},
    {R"q(SHOW MEASUREMENT CARDINALITY)q",
     R"j({"results":[{"statement_id":0,"series":[{"columns":["cardinality estimation"],"values":[[1]]}]}]})j"},
    {R"q(SHOW SERIES EXACT CARDINALITY)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["count"],"values":[[2]]}]}]})j"},
    {R"q(SELECT * FROM /ho/ LIMIT 1)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","co","hum","room","temp"],"values":[["2022-01-01T08:00:00Z",0,35.9,"Kitchen",21]]}]}]})j"},
    {R"q(SELECT temp FROM home GROUP BY * LIMIT 1)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","tags":{"room":"Kitchen"},"columns":["time","temp"],"values":[["2022-01-01T08:00:00Z",21]]},{"name":"home","tags":{"room":"Living Room"},"columns":["time","temp"],"values":[["2022-01-01T08:00:00Z",21.1]]}]}]})j"},
    {R"q(SELECT temp FROM home GROUP BY /ro/ LIMIT 1)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","tags":{"room":"Kitchen"},"columns":["time","temp"],"values":[["2022-01-01T08:00:00Z",21]]},{"name":"home","tags":{"room":"Living Room"},"columns":["time","temp"],"values":[["2022-01-01T08:00:00Z",21.1]]}]}]})j"},
    {R"q(SELECT count(*) FROM home)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","count_co","count_hum","count_temp"],"values":[["1970-01-01T00:00:00Z",26,26,26]]}]}]})j"},
    {R"q(SELECT mean(temp), mean(hum) FROM home WHERE room = 'Kitchen')q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","mean","mean_1"],"values":[["1970-01-01T00:00:00Z",22.623076923076926,36.246153846153845]]}]}]})j"},
    {R"q(SELECT co / 2, co + 1, co * hum FROM home WHERE room = 'Living Room' AND co > 4)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","co","co_1","co_hum"],"values":[["2022-01-01T17:00:00Z",2.5,6,179.5],["2022-01-01T18:00:00Z",4.5,10,325.8],["2022-01-01T19:00:00Z",7,15,508.19999999999993],["2022-01-01T20:00:00Z",8.5,18,618.8]]}]}]})j"},
    {R"q(SELECT * FROM home WHERE room != 'Kitchen' LIMIT 1)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","co","hum","room","temp"],"values":[["2022-01-01T08:00:00Z",0,35.9,"Living Room",21.1]]}]}]})j"},
    {R"q(SELECT * FROM home WHERE room !~ /Kit/ LIMIT 1 OFFSET 2)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","co","hum","room","temp"],"values":[["2022-01-01T10:00:00Z",0,36,"Living Room",21.8]]}]}]})j"},
    {R"q(SELECT first(temp), last(temp) FROM home WHERE time >= '2022-01-01T08:00:00Z' AND time <= '2022-01-01T20:00:00Z' GROUP BY time(6h))q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","first","last"],"values":[["2022-01-01T06:00:00Z",21.1,22.4],["2022-01-01T12:00:00Z",22.5,22.7],["2022-01-01T18:00:00Z",23.3,22.7]]}]}]})j"},
    {R"q(SELECT first(temp), last(temp) FROM home)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","first","last"],"values":[["1970-01-01T00:00:00Z",21.1,22.7]]}]}]})j"},
    {R"q(SELECT max(temp) FROM home GROUP BY room)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","tags":{"room":"Kitchen"},"columns":["time","max"],"values":[["2022-01-01T18:00:00Z",23.3]]},{"name":"home","tags":{"room":"Living Room"},"columns":["time","max"],"values":[["2022-01-01T18:00:00Z",22.8]]}]}]})j"},
    {R"q(SELECT stddev(temp), percentile(co, 50) FROM home WHERE time >= '2022-01-01T08:00:00Z' AND time <= '2022-01-01T20:00:00Z' GROUP BY time(6h))q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","stddev","percentile"],"values":[["2022-01-01T06:00:00Z",0.7445036697597358,0],["2022-01-01T12:00:00Z",0.20652243256245864,1],["2022-01-01T18:00:00Z",0.39832984656772485,17]]}]}]})j"},
    {R"q(SELECT non_negative_derivative(co, 1h) FROM home WHERE room = 'Kitchen' AND time >= '2022-01-01T12:00:00Z')q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","non_negative_derivative"],"values":[["2022-01-01T13:00:00Z",1],["2022-01-01T14:00:00Z",0],["2022-01-01T15:00:00Z",2],["2022-01-01T16:00:00Z",4],["2022-01-01T17:00:00Z",2],["2022-01-01T18:00:00Z",9],["2022-01-01T19:00:00Z",4],["2022-01-01T20:00:00Z",4]]}]}]})j"},
    {R"q(SELECT distinct(co) FROM home WHERE time >= '2022-01-01T08:00:00Z' AND time <= '2022-01-01T20:00:00Z' GROUP BY time(6h))q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","distinct"],"values":[["2022-01-01T06:00:00Z",0],["2022-01-01T12:00:00Z",0],["2022-01-01T12:00:00Z",1],["2022-01-01T12:00:00Z",3],["2022-01-01T12:00:00Z",4],["2022-01-01T12:00:00Z",7],["2022-01-01T12:00:00Z",5],["2022-01-01T12:00:00Z",9],["2022-01-01T18:00:00Z",9],["2022-01-01T18:00:00Z",18],["2022-01-01T18:00:00Z",14],["2022-01-01T18:00:00Z",22],["2022-01-01T18:00:00Z",17],["2022-01-01T18:00:00Z",26]]}]}]})j"},
    {R"q(SELECT top(temp, 2) FROM home WHERE time >= '2022-01-01T08:00:00Z' AND time <= '2022-01-01T20:00:00Z' GROUP BY time(6h))q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","top"],"values":[["2022-01-01T09:00:00Z",23],["2022-01-01T10:00:00Z",22.7],["2022-01-01T13:00:00Z",22.8],["2022-01-01T14:00:00Z",22.8],["2022-01-01T18:00:00Z",23.3],["2022-01-01T19:00:00Z",23.1]]}]}]})j"},
    {R"q(SELECT temp FROM home WHERE time = '2022-01-01T09:00:00Z')q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","temp"],"values":[["2022-01-01T09:00:00Z",23],["2022-01-01T09:00:00Z",21.4]]}]}]})j"},
    {R"q(SELECT "temp" FROM "home" WHERE "room" = 'Kitchen' LIMIT 1)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","temp"],"values":[["2022-01-01T08:00:00Z",21]]}]}]})j"},
    {R"q(SELECT temp FROM home WHERE time >= 1641060000s AND room = 'Kitchen')q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","temp"],"values":[["2022-01-01T18:00:00Z",23.3],["2022-01-01T19:00:00Z",23.1],["2022-01-01T20:00:00Z",22.7]]}]}]})j"},
    {R"q(SELECT temp FROM home WHERE time >= 1641060000000000000 AND room = 'Kitchen')q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","temp"],"values":[["2022-01-01T18:00:00Z",23.3],["2022-01-01T19:00:00Z",23.1],["2022-01-01T20:00:00Z",22.7]]}]}]})j"},
    {R"q(SELECT count(temp) FROM home WHERE time >= '2022-01-01T08:00:00Z' AND time <= '2022-01-01T20:00:00Z' GROUP BY time(1h) LIMIT 3 OFFSET 2)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","count"],"values":[["2022-01-01T10:00:00Z",2],["2022-01-01T11:00:00Z",2],["2022-01-01T12:00:00Z",2]]}]}]})j"},
    {R"q(SELECT sum(co) FROM home WHERE room = 'nosuch')q",
     R"j({"results":[{"statement_id":0}]})j"},
    {R"q(SELECT temp FROM home WHERE room = 'Kitchen' AND temp > 23)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","temp"],"values":[["2022-01-01T18:00:00Z",23.3],["2022-01-01T19:00:00Z",23.1]]}]}]})j"},
    {R"q(SELECT temp, co FROM home WHERE co >= 9 AND co <= 14)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","temp","co"],"values":[["2022-01-01T17:00:00Z",22.7,9],["2022-01-01T18:00:00Z",22.8,9],["2022-01-01T19:00:00Z",22.5,14]]}]}]})j"},
    {R"q(SELECT mean(temp) FROM home WHERE time >= '2022-01-01T08:00:00Z' AND time <= '2022-01-01T20:00:00Z' GROUP BY time(3h), room fill(none))q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","tags":{"room":"Kitchen"},"columns":["time","mean"],"values":[["2022-01-01T06:00:00Z",21],["2022-01-01T09:00:00Z",22.7],["2022-01-01T12:00:00Z",22.7],["2022-01-01T15:00:00Z",22.599999999999998],["2022-01-01T18:00:00Z",23.033333333333335]]},{"name":"home","tags":{"room":"Living Room"},"columns":["time","mean"],"values":[["2022-01-01T06:00:00Z",21.1],["2022-01-01T09:00:00Z",21.8],["2022-01-01T12:00:00Z",22.299999999999997],["2022-01-01T15:00:00Z",22.433333333333337],["2022-01-01T18:00:00Z",22.5]]}]}]})j"},
    {R"q(SELECT cumulative_sum(mean(co)) FROM home WHERE time >= '2022-01-01T08:00:00Z' AND time <= '2022-01-01T20:00:00Z' GROUP BY time(4h))q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","cumulative_sum"],"values":[["2022-01-01T08:00:00Z",0],["2022-01-01T12:00:00Z",0.75],["2022-01-01T16:00:00Z",11.75],["2022-01-01T20:00:00Z",33.25]]}]}]})j"},
    {R"q(SELECT moving_average(mean(temp), 2) FROM home WHERE time >= '2022-01-01T08:00:00Z' AND time <= '2022-01-01T20:00:00Z' GROUP BY time(2h))q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","moving_average"],"values":[["2022-01-01T10:00:00Z",21.95],["2022-01-01T12:00:00Z",22.375],["2022-01-01T14:00:00Z",22.5],["2022-01-01T16:00:00Z",22.525],["2022-01-01T18:00:00Z",22.725],["2022-01-01T20:00:00Z",22.6875]]}]}]})j"},
    {R"q(SELECT mean(temp) * 2, count(temp) + count(co) FROM home WHERE time >= '2022-01-01T08:00:00Z' AND time <= '2022-01-01T20:00:00Z' GROUP BY time(6h))q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","mean","count_count"],"values":[["2022-01-01T06:00:00Z",43.9,16],["2022-01-01T12:00:00Z",45.01666666666666,24],["2022-01-01T18:00:00Z",45.53333333333334,12]]}]}]})j"},
    {R"q(SELECT median(co), mode(temp), spread(temp) FROM home WHERE time >= '2022-01-01T08:00:00Z' AND time <= '2022-01-01T20:00:00Z' GROUP BY time(6h))q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","median","mode","spread"],"values":[["2022-01-01T06:00:00Z",0,21,2],["2022-01-01T12:00:00Z",1,22.4,0.6000000000000014],["2022-01-01T18:00:00Z",17.5,22.2,1.1000000000000014]]}]}]})j"},
    {R"q(SELECT temp FROM home GROUP BY room SLIMIT 1 SOFFSET 1)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","tags":{"room":"Living Room"},"columns":["time","temp"],"values":[["2022-01-01T08:00:00Z",21.1],["2022-01-01T09:00:00Z",21.4],["2022-01-01T10:00:00Z",21.8],["2022-01-01T11:00:00Z",22.2],["2022-01-01T12:00:00Z",22.2],["2022-01-01T13:00:00Z",22.4],["2022-01-01T14:00:00Z",22.3],["2022-01-01T15:00:00Z",22.3],["2022-01-01T16:00:00Z",22.4],["2022-01-01T17:00:00Z",22.6],["2022-01-01T18:00:00Z",22.8],["2022-01-01T19:00:00Z",22.5],["2022-01-01T20:00:00Z",22.2]]}]}]})j"},
    {R"q(SELECT * FROM home SLIMIT 1 LIMIT 1)q",
     R"j({"error":"error parsing query: found LIMIT, expected ; at line 1, char 29"})j"},
    {R"q(SELECT min(co) FROM home WHERE time >= '2022-01-01T08:00:00Z' AND time <= '2022-01-01T20:00:00Z' GROUP BY time(4h), room)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","tags":{"room":"Kitchen"},"columns":["time","min"],"values":[["2022-01-01T08:00:00Z",0],["2022-01-01T12:00:00Z",0],["2022-01-01T16:00:00Z",7],["2022-01-01T20:00:00Z",26]]},{"name":"home","tags":{"room":"Living Room"},"columns":["time","min"],"values":[["2022-01-01T08:00:00Z",0],["2022-01-01T12:00:00Z",0],["2022-01-01T16:00:00Z",4],["2022-01-01T20:00:00Z",17]]}]}]})j"},
    {R"q(SELECT last(temp) AS t, hum FROM home WHERE room = 'Living Room')q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","t","hum"],"values":[["2022-01-01T20:00:00Z",22.2,36.4]]}]}]})j"},
    {R"q(SELECT difference(max(co)) FROM home WHERE time >= '2022-01-01T08:00:00Z' AND time <= '2022-01-01T20:00:00Z' GROUP BY time(4h))q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","difference"],"values":[["2022-01-01T12:00:00Z",3],["2022-01-01T16:00:00Z",19],["2022-01-01T20:00:00Z",4]]}]}]})j"},
    {R"q(SELECT elapsed(co) FROM home WHERE room = 'Kitchen' LIMIT 1)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","elapsed"],"values":[["2022-01-01T09:00:00Z",3600000000000]]}]}]})j"},
    {R"q(SELECT ceil(temp), floor(hum), ln(hum), log(hum, 10) FROM home WHERE room = 'Kitchen' LIMIT 1)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","ceil","floor","ln","log"],"values":[["2022-01-01T08:00:00Z",21,35,3.580737295494233,1.555094448578319]]}]}]})j"},
    {R"q(SELECT mean(temp) FROM home WHERE time >= '2022-01-01T08:00:00Z' AND time <= '2022-01-01T20:00:00Z' AND (room = 'Kitchen' OR co > 10))q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","mean"],"values":[["2022-01-01T08:00:00Z",22.586666666666666]]}]}]})j"},
    {R"q(SELECT sample(temp, 1) FROM home WHERE time = '2022-01-01T09:00:00Z' AND room = 'Kitchen')q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","sample"],"values":[["2022-01-01T09:00:00Z",23]]}]}]})j"},
    {R"q(SELECT * FROM home WHERE time > '2022-01-01T20:00:00Z')q",
     R"j({"results":[{"statement_id":0}]})j"},
    {R"q(SELECT temp FROM home WHERE room = 'Kitchen' LIMIT 2; SELECT nosuch FROM home; SELECT hum FROM home LIMIT 1)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","temp"],"values":[["2022-01-01T08:00:00Z",21],["2022-01-01T09:00:00Z",23]]}]},{"statement_id":1},{"statement_id":2,"series":[{"name":"home","columns":["time","hum"],"values":[["2022-01-01T08:00:00Z",35.9]]}]}]})j"},
    {R"q(SHOW TAG KEYS FROM home)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["tagKey"],"values":[["room"]]}]}]})j"},
    {R"q(SHOW FIELD KEYS FROM home)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["fieldKey","fieldType"],"values":[["co","integer"],["hum","float"],["temp","float"]]}]}]})j"},
    {R"q(SHOW SERIES FROM home LIMIT 1)q",
     R"j({"results":[{"statement_id":0,"series":[{"columns":["key"],"values":[["home,room=Kitchen"]]}]}]})j"},
    {R"q(SHOW TAG VALUES WITH KEY =~ /r/)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["key","value"],"values":[["room","Kitchen"],["room","Living Room"]]}]}]})j"},
    {R"q(SHOW MEASUREMENTS WITH MEASUREMENT = home)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"measurements","columns":["name"],"values":[["home"]]}]}]})j"},
    {R"q(SHOW MEASUREMENTS WITH MEASUREMENT = nosuch)q",
     R"j({"results":[{"statement_id":0}]})j"},
    {R"q(SHOW TAG KEY CARDINALITY)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["count"],"values":[[1]]}]}]})j"},
    {R"q(SHOW TAG VALUES CARDINALITY WITH KEY = room)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["count"],"values":[[2]]}]}]})j"},
    {R"q(SHOW FIELD KEY CARDINALITY)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["count"],"values":[[3]]}]}]})j"},
    {R"q(SHOW SERIES CARDINALITY)q",
     R"j({"results":[{"statement_id":0,"series":[{"columns":["cardinality estimation"],"values":[[2]]}]}]})j"},
    {R"q(SHOW MEASUREMENT EXACT CARDINALITY)q",
     R"j({"results":[{"statement_id":0,"series":[{"columns":["count"],"values":[[1]]}]}]})j"},
    {R"q(SELECT mean(temp) FROM home WHERE time >= '2022-01-01T08:00:00Z' AND time <= '2022-01-01T20:00:00Z' GROUP BY time(4h, -1h))q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","mean"],"values":[["2022-01-01T07:00:00Z",21.833333333333332],["2022-01-01T11:00:00Z",22.45],["2022-01-01T15:00:00Z",22.65],["2022-01-01T19:00:00Z",22.625]]}]}]})j"},
    {R"q(SELECT count(temp) FROM home WHERE time >= '2022-01-01T06:00:00Z' AND time < '2022-01-01T10:00:00Z' AND room = 'Kitchen' GROUP BY time(30m) fill(previous))q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","count"],"values":[["2022-01-01T06:00:00Z",null],["2022-01-01T06:30:00Z",null],["2022-01-01T07:00:00Z",null],["2022-01-01T07:30:00Z",null],["2022-01-01T08:00:00Z",1],["2022-01-01T08:30:00Z",1],["2022-01-01T09:00:00Z",1],["2022-01-01T09:30:00Z",1]]}]}]})j"},
    {R"q(SELECT max(co) FROM home WHERE time >= '2022-01-01T06:00:00Z' AND time < '2022-01-01T11:00:00Z' AND room = 'Kitchen' GROUP BY time(30m) fill(linear))q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","max"],"values":[["2022-01-01T06:00:00Z",null],["2022-01-01T06:30:00Z",null],["2022-01-01T07:00:00Z",null],["2022-01-01T07:30:00Z",null],["2022-01-01T08:00:00Z",0],["2022-01-01T08:30:00Z",0],["2022-01-01T09:00:00Z",0],["2022-01-01T09:30:00Z",0],["2022-01-01T10:00:00Z",0],["2022-01-01T10:30:00Z",null]]}]}]})j"},
    {R"q(SELECT count(temp) FROM home WHERE time >= '2022-01-01T06:00:00Z' AND time < '2022-01-01T10:00:00Z' GROUP BY time(1h) fill(none))q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","count"],"values":[["2022-01-01T08:00:00Z",2],["2022-01-01T09:00:00Z",2]]}]}]})j"},
    {R"q(SELECT temp FROM home WHERE room = 'Kitchen' AND time > now() - 5000d LIMIT 2)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","temp"],"values":[["2022-01-01T08:00:00Z",21],["2022-01-01T09:00:00Z",23]]}]}]})j"},
    {R"q(SELECT mean(temp) FROM home WHERE time >= '2022-01-01T08:00:00Z' AND time <= '2022-01-01T20:00:00Z' GROUP BY time(1d))q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","mean"],"values":[["2022-01-01T00:00:00Z",22.396153846153844]]}]}]})j"},
    {R"q(SELECT count(co) FROM home WHERE time >= '2022-01-01T08:00:00Z' AND time < '2022-01-01T12:00:00Z' GROUP BY time(1h), room fill(none) SLIMIT 1)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","tags":{"room":"Kitchen"},"columns":["time","count"],"values":[["2022-01-01T08:00:00Z",1],["2022-01-01T09:00:00Z",1],["2022-01-01T10:00:00Z",1],["2022-01-01T11:00:00Z",1]]}]}]})j"},
    {R"q(SELECT * FROM home WHERE room = 'Kitchen' OR room = 'Living Room' LIMIT 2)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","co","hum","room","temp"],"values":[["2022-01-01T08:00:00Z",0,35.9,"Kitchen",21],["2022-01-01T08:00:00Z",0,35.9,"Living Room",21.1]]}]}]})j"},
    {R"q(SELECT temp FROM home WHERE room = '')q",
     R"j({"results":[{"statement_id":0}]})j"},
    {R"q(SELECT temp FROM home WHERE nosuchtag = '' LIMIT 1)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","temp"],"values":[["2022-01-01T08:00:00Z",21]]}]}]})j"},
    {R"q(SELECT max(temp) - min(temp) FROM home GROUP BY room)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","tags":{"room":"Kitchen"},"columns":["time","max_min"],"values":[["1970-01-01T00:00:00Z",2.3000000000000007]]},{"name":"home","tags":{"room":"Living Room"},"columns":["time","max_min"],"values":[["1970-01-01T00:00:00Z",1.6999999999999993]]}]}]})j"},
    {R"q(SELECT mean(temp) FROM home WHERE time >= '2022-01-01T08:00:00Z' AND time <= '2022-01-01T12:00:00Z' GROUP BY time(1h) fill(linear))q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","mean"],"values":[["2022-01-01T08:00:00Z",21.05],["2022-01-01T09:00:00Z",22.2],["2022-01-01T10:00:00Z",22.25],["2022-01-01T11:00:00Z",22.299999999999997],["2022-01-01T12:00:00Z",22.35]]}]}]})j"},
    {R"q(SELECT percentile(temp, 50), median(temp) FROM home)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","percentile","median"],"values":[["1970-01-01T00:00:00Z",22.4,22.45]]}]}]})j"},
    {R"q(SELECT non_negative_derivative(mean(co), 1h) FROM home WHERE time >= '2022-01-01T08:00:00Z' AND time <= '2022-01-01T20:00:00Z' GROUP BY time(2h))q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","non_negative_derivative"],"values":[["2022-01-01T10:00:00Z",0],["2022-01-01T12:00:00Z",0.125],["2022-01-01T14:00:00Z",0.5],["2022-01-01T16:00:00Z",2.5],["2022-01-01T18:00:00Z",4.75],["2022-01-01T20:00:00Z",2.875]]}]}]})j"},
    {R"q(SELECT integral(temp) FROM home WHERE room = 'Kitchen')q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","integral"],"values":[["1970-01-01T00:00:00Z",980100]]}]}]})j"},
    {R"q(SELECT integral(temp, 1h) FROM home WHERE room = 'Kitchen')q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","integral"],"values":[["1970-01-01T00:00:00Z",272.25]]}]}]})j"},
    {R"q(SELECT temp FROM home ORDER BY time DESC LIMIT 3)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","temp"],"values":[["2022-01-01T20:00:00Z",22.2],["2022-01-01T20:00:00Z",22.7],["2022-01-01T19:00:00Z",22.5]]}]}]})j"},
    {R"q(SELECT mean(temp) FROM home WHERE time >= '2022-01-01T08:00:00Z' AND time <= '2022-01-01T20:00:00Z' GROUP BY time(6h) ORDER BY time DESC)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","mean"],"values":[["2022-01-01T18:00:00Z",22.766666666666666],["2022-01-01T12:00:00Z",22.50833333333333],["2022-01-01T06:00:00Z",21.95]]}]}]})j"},
    {R"q(SELECT temp FROM "get-started"."autogen"."home" LIMIT 1)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","temp"],"values":[["2022-01-01T08:00:00Z",21]]}]}]})j"},
    {R"q(SELECT hum FROM home WHERE room = 'Kitchen' AND time >= '2022-01-01 08:00:00' AND time < '2022-01-01 10:00:00')q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","hum"],"values":[["2022-01-01T08:00:00Z",35.9],["2022-01-01T09:00:00Z",36.2]]}]}]})j"},
    {R"q(SELECT mean(co) FROM home WHERE room = 'Kitchen')q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","mean"],"values":[["1970-01-01T00:00:00Z",6.6923076923076925]]}]}]})j"},
    {R"q(SELECT sum(hum) FROM home)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","sum"],"values":[["1970-01-01T00:00:00Z",939.9]]}]}]})j"},
    {R"q(SELECT spread(co), count(co) FROM home GROUP BY room)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","tags":{"room":"Kitchen"},"columns":["time","spread","count"],"values":[["1970-01-01T00:00:00Z",26,13]]},{"name":"home","tags":{"room":"Living Room"},"columns":["time","spread","count"],"values":[["1970-01-01T00:00:00Z",17,13]]}]}]})j"},
    {R"q(SELECT last(co), first(co) FROM home WHERE time >= '2022-01-01T08:00:00Z' AND time <= '2022-01-01T20:00:00Z' GROUP BY time(6h), room)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","tags":{"room":"Kitchen"},"columns":["time","last","first"],"values":[["2022-01-01T06:00:00Z",0,0],["2022-01-01T12:00:00Z",9,0],["2022-01-01T18:00:00Z",26,18]]},{"name":"home","tags":{"room":"Living Room"},"columns":["time","last","first"],"values":[["2022-01-01T06:00:00Z",0,0],["2022-01-01T12:00:00Z",5,0],["2022-01-01T18:00:00Z",17,9]]}]}]})j"},
    {R"q(SELECT min(temp), hum, co FROM home WHERE room = 'Kitchen')q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","min","hum","co"],"values":[["2022-01-01T08:00:00Z",21,35.9,0]]}]}]})j"},
    {R"q(SELECT mode(hum) FROM home)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","mode"],"values":[["1970-01-01T00:00:00Z",36]]}]}]})j"},
    {R"q(SELECT stddev(co) FROM home GROUP BY room)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","tags":{"room":"Kitchen"},"columns":["time","stddev"],"values":[["1970-01-01T00:00:00Z",9.321879418735039]]},{"name":"home","tags":{"room":"Living Room"},"columns":["time","stddev"],"values":[["1970-01-01T00:00:00Z",5.885662718931967]]}]}]})j"},
    {R"q(SELECT co FROM home WHERE co > 5 AND co < 15 AND room =~ /^K/)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","co"],"values":[["2022-01-01T16:00:00Z",7],["2022-01-01T17:00:00Z",9]]}]}]})j"},
    {R"q(SELECT derivative(temp) FROM home WHERE room = 'Kitchen' LIMIT 2)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","derivative"],"values":[["2022-01-01T09:00:00Z",0.0005555555555555556],["2022-01-01T10:00:00Z",-0.00008333333333333353]]}]}]})j"},
    {R"q(SELECT mean(temp) AS avg FROM home WHERE time >= '2022-01-01T08:00:00Z' AND time <= '2022-01-01T20:00:00Z' GROUP BY time(6h), * )q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","tags":{"room":"Kitchen"},"columns":["time","avg"],"values":[["2022-01-01T06:00:00Z",22.275],["2022-01-01T12:00:00Z",22.649999999999995],["2022-01-01T18:00:00Z",23.033333333333335]]},{"name":"home","tags":{"room":"Living Room"},"columns":["time","avg"],"values":[["2022-01-01T06:00:00Z",21.625],["2022-01-01T12:00:00Z",22.366666666666664],["2022-01-01T18:00:00Z",22.5]]}]}]})j"},
    {R"q(SELECT temp FROM home WHERE time > '2022-01-01T19:00:00Z' GROUP BY room ORDER BY time DESC)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","tags":{"room":"Living Room"},"columns":["time","temp"],"values":[["2022-01-01T20:00:00Z",22.2]]},{"name":"home","tags":{"room":"Kitchen"},"columns":["time","temp"],"values":[["2022-01-01T20:00:00Z",22.7]]}]}]})j"},
    {R"q(SELECT sum(co) FROM home WHERE time >= '2022-01-01T08:00:00Z' AND time <= '2022-01-01T20:00:00Z' GROUP BY time(6h) fill(100))q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","sum"],"values":[["2022-01-01T06:00:00Z",0],["2022-01-01T12:00:00Z",31],["2022-01-01T18:00:00Z",106]]}]}]})j"},
    {R"q(SELECT mean(temp) FROM home WHERE time >= '2022-01-01T18:00:00Z' AND time <= '2022-01-01T23:00:00Z' GROUP BY time(2h) fill(-1))q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","mean"],"values":[["2022-01-01T18:00:00Z",22.925],["2022-01-01T20:00:00Z",22.45],["2022-01-01T22:00:00Z",-1]]}]}]})j"},
    {R"q(SELECT count(temp), mean(co) FROM home WHERE time >= '2022-01-01T18:00:00Z' AND time <= '2022-01-01T23:00:00Z' GROUP BY time(2h) fill(previous))q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","count","mean"],"values":[["2022-01-01T18:00:00Z",4,15.75],["2022-01-01T20:00:00Z",2,21.5],["2022-01-01T22:00:00Z",2,21.5]]}]}]})j"},
    {R"q(SELECT temp FROM home WHERE room = 'Kitchen' LIMIT 2 OFFSET 11)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","temp"],"values":[["2022-01-01T19:00:00Z",23.1],["2022-01-01T20:00:00Z",22.7]]}]}]})j"},
    {R"q(SELECT temp FROM home WHERE room = 'Kitchen' LIMIT 2 OFFSET 20)q",
     R"j({"results":[{"statement_id":0}]})j"},
    {R"q(SELECT first(*) FROM home)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","first_co","first_hum","first_temp"],"values":[["1970-01-01T00:00:00Z",0,35.9,21.1]]}]}]})j"},
    {R"q(SELECT max(/^t/) FROM home)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","max_temp"],"values":[["2022-01-01T18:00:00Z",23.3]]}]}]})j"},
    {R"q(SELECT * FROM home WHERE hum > 36.5)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","co","hum","room","temp"],"values":[["2022-01-01T18:00:00Z",18,36.9,"Kitchen",23.3],["2022-01-01T19:00:00Z",22,36.6,"Kitchen",23.1]]}]}]})j"},
    {R"q(SELECT DISTINCT co FROM home WHERE room = 'Kitchen')q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","distinct"],"values":[["1970-01-01T00:00:00Z",0],["1970-01-01T00:00:00Z",1],["1970-01-01T00:00:00Z",3],["1970-01-01T00:00:00Z",7],["1970-01-01T00:00:00Z",9],["1970-01-01T00:00:00Z",18],["1970-01-01T00:00:00Z",22],["1970-01-01T00:00:00Z",26]]}]}]})j"},
    {R"q(SELECT mean(co) FROM home WHERE time >= '2022-01-01T06:00:00Z' AND time < '2022-01-01T11:00:00Z' AND room = 'Kitchen' GROUP BY time(30m) fill(linear))q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","mean"],"values":[["2022-01-01T06:00:00Z",null],["2022-01-01T06:30:00Z",null],["2022-01-01T07:00:00Z",null],["2022-01-01T07:30:00Z",null],["2022-01-01T08:00:00Z",0],["2022-01-01T08:30:00Z",0],["2022-01-01T09:00:00Z",0],["2022-01-01T09:30:00Z",0],["2022-01-01T10:00:00Z",0],["2022-01-01T10:30:00Z",null]]}]}]})j"},
    {R"q(SELECT sum(co) FROM home WHERE time >= '2022-01-01T06:00:00Z' AND time < '2022-01-01T11:00:00Z' GROUP BY time(30m), room fill(previous) SLIMIT 1)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","tags":{"room":"Kitchen"},"columns":["time","sum"],"values":[["2022-01-01T06:00:00Z",null],["2022-01-01T06:30:00Z",null],["2022-01-01T07:00:00Z",null],["2022-01-01T07:30:00Z",null],["2022-01-01T08:00:00Z",0],["2022-01-01T08:30:00Z",0],["2022-01-01T09:00:00Z",0],["2022-01-01T09:30:00Z",0],["2022-01-01T10:00:00Z",0],["2022-01-01T10:30:00Z",0]]}]}]})j"},
    {R"q(SELECT mean(temp) FROM home WHERE time >= '2022-01-01T06:00:00Z' AND time < '2022-01-01T11:00:00Z' AND room = 'Kitchen' GROUP BY time(30m) fill(previous) ORDER BY time DESC)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","mean"],"values":[["2022-01-01T10:30:00Z",null],["2022-01-01T10:00:00Z",22.7],["2022-01-01T09:30:00Z",22.7],["2022-01-01T09:00:00Z",23],["2022-01-01T08:30:00Z",23],["2022-01-01T08:00:00Z",21],["2022-01-01T07:30:00Z",21],["2022-01-01T07:00:00Z",21],["2022-01-01T06:30:00Z",21],["2022-01-01T06:00:00Z",21]]}]}]})j"},
    {R"q(SELECT mean(temp) * 10 FROM home WHERE time >= '2022-01-01T06:00:00Z' AND time < '2022-01-01T10:00:00Z' AND room = 'Kitchen' GROUP BY time(1h) fill(0))q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","mean"],"values":[["2022-01-01T06:00:00Z",0],["2022-01-01T07:00:00Z",0],["2022-01-01T08:00:00Z",210],["2022-01-01T09:00:00Z",230]]}]}]})j"},
    {R"q(SELECT mean(m) FROM (SELECT max(temp) AS m FROM home WHERE time >= '2022-01-01T08:00:00Z' AND time <= '2022-01-01T20:00:00Z' GROUP BY time(4h), room) GROUP BY room)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","tags":{"room":"Kitchen"},"columns":["time","mean"],"values":[["1970-01-01T00:00:00Z",22.95]]},{"name":"home","tags":{"room":"Living Room"},"columns":["time","mean"],"values":[["1970-01-01T00:00:00Z",22.4]]}]}]})j"},
    {R"q(SELECT m FROM (SELECT mean(temp) AS m FROM home GROUP BY room) WHERE m > 22.5)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","m"],"values":[["1970-01-01T00:00:00Z",22.623076923076926]]}]}]})j"},
    {R"q(SELECT count(co) FROM home WHERE co > 0 GROUP BY room)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","tags":{"room":"Kitchen"},"columns":["time","count"],"values":[["1970-01-01T00:00:00Z",8]]},{"name":"home","tags":{"room":"Living Room"},"columns":["time","count"],"values":[["1970-01-01T00:00:00Z",6]]}]}]})j"},
    {R"q(SELECT co FROM home WHERE room = 'Living Room' AND co != 0 LIMIT 3)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","co"],"values":[["2022-01-01T15:00:00Z",1],["2022-01-01T16:00:00Z",4],["2022-01-01T17:00:00Z",5]]}]}]})j"},
    {R"q(SELECT temp FROM home WHERE temp >= 23 OR co >= 26)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","temp"],"values":[["2022-01-01T09:00:00Z",23],["2022-01-01T18:00:00Z",23.3],["2022-01-01T19:00:00Z",23.1],["2022-01-01T20:00:00Z",22.7]]}]}]})j"},
    {R"q(SELECT hum FROM home WHERE room = 'Kitchen' AND time > '2022-01-01T18:00:00Z' ORDER BY time DESC)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","hum"],"values":[["2022-01-01T20:00:00Z",36.5],["2022-01-01T19:00:00Z",36.6]]}]}]})j"},
    {R"q(SELECT first(co), last(co), spread(co) FROM home WHERE time >= '2022-01-01T08:00:00Z' AND time <= '2022-01-01T20:00:00Z' GROUP BY time(4h, 2h))q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","first","last","spread"],"values":[["2022-01-01T06:00:00Z",0,0,0],["2022-01-01T10:00:00Z",0,1,1],["2022-01-01T14:00:00Z",1,9,9],["2022-01-01T18:00:00Z",18,26,17]]}]}]})j"},
    {R"q(SELECT max(hum) FROM home WHERE time >= '2022-01-01T08:00:00Z' AND time <= '2022-01-01T20:00:00Z' GROUP BY time(5h), room)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","tags":{"room":"Kitchen"},"columns":["time","max"],"values":[["2022-01-01T08:00:00Z",36.2],["2022-01-01T13:00:00Z",36.5],["2022-01-01T18:00:00Z",36.9]]},{"name":"home","tags":{"room":"Living Room"},"columns":["time","max"],"values":[["2022-01-01T08:00:00Z",36],["2022-01-01T13:00:00Z",36.1],["2022-01-01T18:00:00Z",36.4]]}]}]})j"},
    {R"q(SELECT difference(temp) FROM home WHERE time >= '2022-01-01T08:00:00Z' AND time <= '2022-01-01T11:00:00Z')q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","difference"],"values":[["2022-01-01T09:00:00Z",2],["2022-01-01T10:00:00Z",-0.3000000000000007],["2022-01-01T11:00:00Z",-0.3000000000000007]]}]}]})j"},
    {R"q(SELECT cumulative_sum(co) FROM home WHERE time >= '2022-01-01T15:00:00Z' GROUP BY room)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","tags":{"room":"Kitchen"},"columns":["time","cumulative_sum"],"values":[["2022-01-01T15:00:00Z",3],["2022-01-01T16:00:00Z",10],["2022-01-01T17:00:00Z",19],["2022-01-01T18:00:00Z",37],["2022-01-01T19:00:00Z",59],["2022-01-01T20:00:00Z",85]]},{"name":"home","tags":{"room":"Living Room"},"columns":["time","cumulative_sum"],"values":[["2022-01-01T15:00:00Z",1],["2022-01-01T16:00:00Z",5],["2022-01-01T17:00:00Z",10],["2022-01-01T18:00:00Z",19],["2022-01-01T19:00:00Z",33],["2022-01-01T20:00:00Z",50]]}]}]})j"},
    {R"q(SELECT percentile(co, 75), percentile(temp, 0), percentile(hum, 100) FROM home)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","percentile","percentile_1","percentile_2"],"values":[["1970-01-01T00:00:00Z",9,null,36.9]]}]}]})j"},
    {R"q(SELECT abs(temp - 22.5) FROM home WHERE room = 'Kitchen' LIMIT 3)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","abs"],"values":[["2022-01-01T08:00:00Z",1.5],["2022-01-01T09:00:00Z",0.5],["2022-01-01T10:00:00Z",0.1999999999999993]]}]}]})j"},
    {R"q(SELECT temp / 0 FROM home WHERE room = 'Kitchen' LIMIT 1)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","temp"],"values":[["2022-01-01T08:00:00Z",0]]}]}]})j"},
    {R"q(SELECT co % 3 FROM home WHERE room = 'Kitchen' AND co > 0)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","co"],"values":[["2022-01-01T13:00:00Z",1],["2022-01-01T14:00:00Z",1],["2022-01-01T15:00:00Z",0],["2022-01-01T16:00:00Z",1],["2022-01-01T17:00:00Z",0],["2022-01-01T18:00:00Z",0],["2022-01-01T19:00:00Z",1],["2022-01-01T20:00:00Z",2]]}]}]})j"},
    {R"q(SELECT mean("temp") FROM "home" WHERE time >= 1641024000000ms and time <= 1641067200000ms GROUP BY time(2h) fill(null))q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","mean"],"values":[["2022-01-01T08:00:00Z",21.625],["2022-01-01T10:00:00Z",22.275],["2022-01-01T12:00:00Z",22.474999999999998],["2022-01-01T14:00:00Z",22.525],["2022-01-01T16:00:00Z",22.525],["2022-01-01T18:00:00Z",22.925],["2022-01-01T20:00:00Z",22.45]]}]}]})j"},
    {R"q(select last("temp") from "home" where ("room" = 'Kitchen') and time >= 1641024000s group by "room")q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","tags":{"room":"Kitchen"},"columns":["time","last"],"values":[["2022-01-01T20:00:00Z",22.7]]}]}]})j"},
    {R"q(SELECT mean("temp") AS "mean_temp", max("hum") AS "max_hum" FROM "get-started"."autogen"."home" WHERE time >= '2022-01-01T10:00:00Z' AND time < '2022-01-01T16:00:00Z' GROUP BY time(3h), "room" fill(none))q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","tags":{"room":"Kitchen"},"columns":["time","mean_temp","max_hum"],"values":[["2022-01-01T09:00:00Z",22.549999999999997,36.1],["2022-01-01T12:00:00Z",22.7,36.5],["2022-01-01T15:00:00Z",22.7,36.2]]},{"name":"home","tags":{"room":"Living Room"},"columns":["time","mean_temp","max_hum"],"values":[["2022-01-01T09:00:00Z",22,36],["2022-01-01T12:00:00Z",22.299999999999997,36.1],["2022-01-01T15:00:00Z",22.3,36.1]]}]}]})j"},
    {R"q(SHOW TAG VALUES ON "get-started" FROM "home" WITH KEY = "room")q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["key","value"],"values":[["room","Kitchen"],["room","Living Room"]]}]}]})j"},
    {R"q(SHOW TAG KEYS ON "get-started" FROM "home")q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["tagKey"],"values":[["room"]]}]}]})j"},
    {R"q(SHOW RETENTION POLICIES ON "get-started")q",
     R"j({"results":[{"statement_id":0,"series":[{"columns":["name","duration","shardGroupDuration","replicaN","default"],"values":[["autogen","0s","168h0m0s",1,true]]}]}]})j"},
    {R"q(SHOW FIELD KEYS ON "get-started")q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["fieldKey","fieldType"],"values":[["co","integer"],["hum","float"],["temp","float"]]}]}]})j"},
    {R"q(SELECT non_negative_derivative(mean("co"), 1h) AS "rate" FROM "home" WHERE time >= '2022-01-01T08:00:00Z' AND time <= '2022-01-01T20:00:00Z' GROUP BY time(3h), "room")q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","tags":{"room":"Kitchen"},"columns":["time","rate"],"values":[["2022-01-01T09:00:00Z",0],["2022-01-01T12:00:00Z",0.2222222222222222],["2022-01-01T15:00:00Z",1.8888888888888886],["2022-01-01T18:00:00Z",5.222222222222222]]},{"name":"home","tags":{"room":"Living Room"},"columns":["time","rate"],"values":[["2022-01-01T09:00:00Z",0],["2022-01-01T12:00:00Z",0],["2022-01-01T15:00:00Z",1.1111111111111112],["2022-01-01T18:00:00Z",3.3333333333333335]]}]}]})j"},
    {R"q(SELECT count("temp") FROM "home" WHERE "room" =~ /^(Kitchen|Living Room)$/ AND time >= '2022-01-01T08:00:00Z' AND time <= '2022-01-01T20:00:00Z' GROUP BY time(12h))q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","count"],"values":[["2022-01-01T00:00:00Z",8],["2022-01-01T12:00:00Z",18]]}]}]})j"},
    {R"q(SELECT "temp" FROM "home" WHERE "room" = 'Kitchen' AND time >= '2022-01-01T19:00:00Z'; SHOW MEASUREMENTS; SELECT count(*) FROM home)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","temp"],"values":[["2022-01-01T19:00:00Z",23.1],["2022-01-01T20:00:00Z",22.7]]}]},{"statement_id":1,"series":[{"name":"measurements","columns":["name"],"values":[["home"]]}]},{"statement_id":2,"series":[{"name":"home","columns":["time","count_co","count_hum","count_temp"],"values":[["1970-01-01T00:00:00Z",26,26,26]]}]}]})j"},
};

}  // namespace

TEST_CASE("InfluxQL answers on the tutorial data match InfluxDB's JSON byte for byte") {
  Tutorial t;
  for (const auto& c : kCases) {
    std::string query_text = c.query;
    CAPTURE(query_text);
    CHECK(t.run(c.query) == c.json);
  }
}

// Same check with two measurements (the expected answers come from a database holding both).
const Case kTwoMeasurementCases[] = {
    {R"q(SELECT * FROM weather)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"weather","columns":["time","city","desc","rain","temp"],"values":[["2022-01-01T08:00:00Z","Oslo","snow",false,-3],["2022-01-01T08:00:00Z","Paris","cloudy",true,5.5],["2022-01-01T09:00:00Z","Paris","rain",false,6.5],["2022-01-01T10:00:00Z",null,null,null,1.5]]}]}]})j"},
    {R"q(SELECT * FROM /./ WHERE time <= '2022-01-01T08:00:00Z')q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","city","co","desc","hum","rain","room","temp"],"values":[["2022-01-01T08:00:00Z",null,0,null,35.9,null,"Kitchen",21],["2022-01-01T08:00:00Z",null,0,null,35.9,null,"Living Room",21.1]]},{"name":"weather","columns":["time","city","co","desc","hum","rain","room","temp"],"values":[["2022-01-01T08:00:00Z","Oslo",null,"snow",null,false,null,-3],["2022-01-01T08:00:00Z","Paris",null,"cloudy",null,true,null,5.5]]}]}]})j"},
    {R"q(SELECT temp FROM weather, home WHERE time < '2022-01-01T09:00:00Z')q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","temp"],"values":[["2022-01-01T08:00:00Z",21],["2022-01-01T08:00:00Z",21.1]]},{"name":"weather","columns":["time","temp"],"values":[["2022-01-01T08:00:00Z",-3],["2022-01-01T08:00:00Z",5.5]]}]}]})j"},
    {R"q(SELECT desc FROM weather WHERE desc = 'rain')q",
     R"j({"error":"error parsing query: found DESC, expected identifier, string, number, bool at line 1, char 8"})j"},
    {R"q(SELECT rain, temp FROM weather WHERE rain = true)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"weather","columns":["time","rain","temp"],"values":[["2022-01-01T08:00:00Z",true,5.5]]}]}]})j"},
    {R"q(SELECT count(desc), first(desc), last(rain) FROM weather)q",
     R"j({"error":"error parsing query: found DESC, expected identifier, string, number, bool at line 1, char 14"})j"},
    {R"q(SELECT mean(temp) FROM weather GROUP BY city)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"weather","tags":{"city":""},"columns":["time","mean"],"values":[["1970-01-01T00:00:00Z",1.5]]},{"name":"weather","tags":{"city":"Oslo"},"columns":["time","mean"],"values":[["1970-01-01T00:00:00Z",-3]]},{"name":"weather","tags":{"city":"Paris"},"columns":["time","mean"],"values":[["1970-01-01T00:00:00Z",6]]}]}]})j"},
    {R"q(SELECT temp FROM weather WHERE city = '')q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"weather","columns":["time","temp"],"values":[["2022-01-01T10:00:00Z",1.5]]}]}]})j"},
    {R"q(SELECT distinct(desc) FROM weather)q",
     R"j({"error":"error parsing query: found DESC, expected identifier, string, number, bool at line 1, char 17"})j"},
    {R"q(SELECT mean(*) FROM weather)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"weather","columns":["time","mean_temp"],"values":[["1970-01-01T00:00:00Z",2.625]]}]}]})j"},
    {R"q(SELECT max(temp), desc FROM weather)q",
     R"j({"error":"error parsing query: found DESC, expected identifier, string, number, bool at line 1, char 19"})j"},
    {R"q(SELECT temp + 1, desc FROM weather)q",
     R"j({"error":"error parsing query: found DESC, expected identifier, string, number, bool at line 1, char 18"})j"},
    {R"q(SELECT temp FROM weather GROUP BY city)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"weather","tags":{"city":""},"columns":["time","temp"],"values":[["2022-01-01T10:00:00Z",1.5]]},{"name":"weather","tags":{"city":"Oslo"},"columns":["time","temp"],"values":[["2022-01-01T08:00:00Z",-3]]},{"name":"weather","tags":{"city":"Paris"},"columns":["time","temp"],"values":[["2022-01-01T08:00:00Z",5.5],["2022-01-01T09:00:00Z",6.5]]}]}]})j"},
    {R"q(SELECT count(temp) FROM /./ GROUP BY *)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","tags":{"city":"","room":"Kitchen"},"columns":["time","count"],"values":[["1970-01-01T00:00:00Z",13]]},{"name":"home","tags":{"city":"","room":"Living Room"},"columns":["time","count"],"values":[["1970-01-01T00:00:00Z",13]]},{"name":"weather","tags":{"city":"","room":""},"columns":["time","count"],"values":[["1970-01-01T00:00:00Z",1]]},{"name":"weather","tags":{"city":"Oslo","room":""},"columns":["time","count"],"values":[["1970-01-01T00:00:00Z",1]]},{"name":"weather","tags":{"city":"Paris","room":""},"columns":["time","count"],"values":[["1970-01-01T00:00:00Z",2]]}]}]})j"},
    {R"q(SELECT temp::tag, city::field FROM weather)q",
     R"j({"results":[{"statement_id":0}]})j"},
    {R"q(SELECT *::tag, temp FROM weather)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"weather","columns":["time","city","temp"],"values":[["2022-01-01T08:00:00Z","Oslo",-3],["2022-01-01T08:00:00Z","Paris",5.5],["2022-01-01T09:00:00Z","Paris",6.5],["2022-01-01T10:00:00Z",null,1.5]]}]}]})j"},
    {R"q(SHOW MEASUREMENTS)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"measurements","columns":["name"],"values":[["home"],["weather"]]}]}]})j"},
    {R"q(SHOW TAG KEYS)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["tagKey"],"values":[["room"]]},{"name":"weather","columns":["tagKey"],"values":[["city"]]}]}]})j"},
    {R"q(SHOW FIELD KEYS)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["fieldKey","fieldType"],"values":[["co","integer"],["hum","float"],["temp","float"]]},{"name":"weather","columns":["fieldKey","fieldType"],"values":[["desc","string"],["rain","boolean"],["temp","float"]]}]}]})j"},
    {R"q(SHOW SERIES)q",
     R"j({"results":[{"statement_id":0,"series":[{"columns":["key"],"values":[["home,room=Kitchen"],["home,room=Living\\ Room"],["weather"],["weather,city=Oslo"],["weather,city=Paris"]]}]}]})j"},
    {R"q(SHOW TAG VALUES WITH KEY = city)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"weather","columns":["key","value"],"values":[["city","Oslo"],["city","Paris"]]}]}]})j"},
    {R"q(SHOW TAG VALUES WITH KEY != room)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"weather","columns":["key","value"],"values":[["city","Oslo"],["city","Paris"]]}]}]})j"},
    {R"q(SHOW MEASUREMENTS WHERE city = 'Oslo')q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"measurements","columns":["name"],"values":[["weather"]]}]}]})j"},
    {R"q(SHOW SERIES WHERE city =~ /s/)q",
     R"j({"results":[{"statement_id":0,"series":[{"columns":["key"],"values":[["weather,city=Oslo"],["weather,city=Paris"]]}]}]})j"},
    {R"q(SHOW FIELD KEYS FROM weather)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"weather","columns":["fieldKey","fieldType"],"values":[["desc","string"],["rain","boolean"],["temp","float"]]}]}]})j"},
    {R"q(SHOW TAG KEYS FROM /w/)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"weather","columns":["tagKey"],"values":[["city"]]}]}]})j"},
    {R"q(SHOW SERIES EXACT CARDINALITY)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"home","columns":["count"],"values":[[2]]},{"name":"weather","columns":["count"],"values":[[3]]}]}]})j"},
    {R"q(SHOW MEASUREMENTS LIMIT 1 OFFSET 1)q",
     R"j({"results":[{"statement_id":0,"series":[{"name":"measurements","columns":["name"],"values":[["weather"]]}]}]})j"},
};

TEST_CASE("InfluxQL answers across measurements, string and boolean fields match InfluxDB's") {
  TwoMeasurements t;
  for (const auto& c : kTwoMeasurementCases) {
    std::string query_text = c.query;
    CAPTURE(query_text);
    CHECK(t.run(c.query) == c.json);
  }
}

TEST_CASE("epoch output and parse errors") {
  Tutorial t;
  CHECK(t.run("SELECT temp FROM home WHERE room = 'Kitchen' LIMIT 2", "s") ==
        R"({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","temp"],"values":[[1641024000,21],[1641027600,23]]}]}]})");
  CHECK(t.run("SELECT temp FROM home WHERE room = 'Kitchen' LIMIT 1", "ms") ==
        R"({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","temp"],"values":[[1641024000000,21]]}]}]})");
  auto resp = respond_influxql("SELECT * FORM home", t.ctx, OutputOptions{});
  CHECK(resp.http_status == 400);
  CHECK(resp.body == R"({"error":"error parsing query: found FORM, expected FROM at line 1, char 10"})");
  CHECK(t.run("SELECT temp FROM other.autogen.home") ==
        R"({"results":[{"statement_id":0,"error":"database not found: other"}]})");
}

TEST_CASE("CSV and pretty output") {
  Tutorial t;
  auto csv = respond_influxql("SELECT * FROM home LIMIT 1", t.ctx, OutputOptions{}, OutputFormat::kCsv);
  CHECK(csv.content_type == "application/csv");
  CHECK(csv.body == "name,tags,time,co,hum,room,temp\nhome,,1641024000000000000,0,35.9,Kitchen,21\n");
  CHECK(run_influxql("SHOW DATABASES", t.ctx, OutputOptions{"", true}) ==
        "{\n    \"results\": [\n        {\n            \"statement_id\": 0,\n            \"series\": [\n"
        "                {\n                    \"name\": \"databases\",\n                    \"columns\": [\n"
        "                        \"name\"\n                    ],\n                    \"values\": [\n"
        "                        [\n                            \"get-started\"\n                        ]\n"
        "                    ]\n                }\n            ]\n        }\n    ]\n}");
}

TEST_CASE("Go's JSON float forms") {
  std::string s;
  append_json_float(s, 21.0);
  s += ' ';
  append_json_float(s, 1e21);
  s += ' ';
  append_json_float(s, 1.5e-7);
  s += ' ';
  append_json_float(s, 0.000001);
  s += ' ';
  append_json_float(s, 123456789012345678.0);
  CHECK(s == "21 1e+21 1.5e-7 0.000001 123456789012345680");
}

TEST_CASE("chunked output splits series by chunk_size as InfluxDB does") {
  Tutorial t;
  auto results = execute_influxql(
      "SELECT temp FROM home WHERE time <= '2022-01-01T10:00:00Z' GROUP BY room; SELECT count(co) FROM home; "
      "SELECT nosuch FROM home",
      t.ctx);
  REQUIRE(results.ok());
  auto chunks = chunked_json(*results, 2, OutputOptions{});
  std::vector<std::string> expected = {
      R"({"results":[{"statement_id":0,"series":[{"name":"home","tags":{"room":"Kitchen"},"columns":["time","temp"],"values":[["2022-01-01T08:00:00Z",21],["2022-01-01T09:00:00Z",23]],"partial":true}],"partial":true}]})",
      R"({"results":[{"statement_id":0,"series":[{"name":"home","tags":{"room":"Kitchen"},"columns":["time","temp"],"values":[["2022-01-01T10:00:00Z",22.7]]}],"partial":true}]})",
      R"({"results":[{"statement_id":0,"series":[{"name":"home","tags":{"room":"Living Room"},"columns":["time","temp"],"values":[["2022-01-01T08:00:00Z",21.1],["2022-01-01T09:00:00Z",21.4]],"partial":true}],"partial":true}]})",
      R"({"results":[{"statement_id":0,"series":[{"name":"home","tags":{"room":"Living Room"},"columns":["time","temp"],"values":[["2022-01-01T10:00:00Z",21.8]]}]}]})",
      R"({"results":[{"statement_id":1,"series":[{"name":"home","columns":["time","count"],"values":[["1970-01-01T00:00:00Z",26]]}]}]})",
      R"({"results":[{"statement_id":2}]})",
  };
  CHECK(chunks == expected);
  auto three = chunked_json(*results, 3, OutputOptions{});
  REQUIRE(three.size() == 4);
  CHECK(three[0] ==
        R"({"results":[{"statement_id":0,"series":[{"name":"home","tags":{"room":"Kitchen"},"columns":["time","temp"],"values":[["2022-01-01T08:00:00Z",21],["2022-01-01T09:00:00Z",23],["2022-01-01T10:00:00Z",22.7]]}],"partial":true}]})");
}

TEST_CASE("CSV with tags and several statements") {
  Tutorial t;
  auto csv = respond_influxql("SELECT last(temp) FROM home GROUP BY room; SHOW TAG KEYS; SELECT count(co) FROM home",
                              t.ctx, OutputOptions{}, OutputFormat::kCsv);
  CHECK(csv.body ==
        "name,tags,time,last\nhome,room=Kitchen,1641067200000000000,22.7\nhome,room=Living\\ "
        "Room,1641067200000000000,22.2\n\nname,tags,tagKey\nhome,,room\n\nname,tags,time,count\nhome,,0,26\n");
}

TEST_CASE("bad regexes are parse errors; time in the field list is the time column") {
  Tutorial t;
  CHECK(t.run("SELECT temp FROM home WHERE room =~ /(/") ==
        R"({"error":"error parsing query: error parsing regexp: missing closing ): `(` at line 1, char 37"})");
  CHECK(t.run("SELECT time, temp FROM home WHERE room = 'Kitchen' LIMIT 1") ==
        R"({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","temp"],"values":[["2022-01-01T08:00:00Z",21]]}]}]})");
}

TEST_CASE("count(distinct()), bind parameters, statement-level GROUP BY time errors") {
  Tutorial t;
  CHECK(t.run("SELECT count(distinct(co)) FROM home") ==
        R"({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","count"],"values":[["1970-01-01T00:00:00Z",12]]}]}]})");
  CHECK(t.run("SELECT count(distinct(co)) FROM home WHERE time >= '2022-01-01T08:00:00Z' AND time <= "
              "'2022-01-01T20:00:00Z' GROUP BY time(6h), room") ==
        R"({"results":[{"statement_id":0,"series":[{"name":"home","tags":{"room":"Kitchen"},"columns":["time","count"],"values":[["2022-01-01T06:00:00Z",1],["2022-01-01T12:00:00Z",5],["2022-01-01T18:00:00Z",3]]},{"name":"home","tags":{"room":"Living Room"},"columns":["time","count"],"values":[["2022-01-01T06:00:00Z",1],["2022-01-01T12:00:00Z",4],["2022-01-01T18:00:00Z",3]]}]}]})");
  CHECK(t.run("SELECT temp FROM home WHERE room = $r") == R"({"error":"error parsing query: missing parameter: r"})");
  t.ctx.params["r"] = std::string("Kitchen");
  t.ctx.params["c"] = int64_t{5};
  CHECK(t.run("SELECT temp FROM home WHERE room = $r AND co > $c LIMIT 2") ==
        R"({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","temp"],"values":[["2022-01-01T16:00:00Z",22.4],["2022-01-01T17:00:00Z",22.7]]}]}]})");
  CHECK(t.run("SELECT mean(temp) FROM home GROUP BY time(x)") ==
        R"({"results":[{"statement_id":0,"error":"time dimension must have duration argument"}]})");
}

TEST_CASE("selectors carry other fields and tags of their point") {
  Tutorial t;
  const Case cases[] = {
      {"SELECT max(temp), room FROM home",
       R"({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","max","room"],"values":[["2022-01-01T18:00:00Z",23.3,"Kitchen"]]}]}]})"},
      {"SELECT top(temp, 2), room FROM home",
       R"({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","top","room"],"values":[["2022-01-01T18:00:00Z",23.3,"Kitchen"],["2022-01-01T19:00:00Z",23.1,"Kitchen"]]}]}]})"},
      {"SELECT max(temp), room FROM home WHERE time >= '2022-01-01T08:00:00Z' AND time <= '2022-01-01T20:00:00Z' GROUP BY "
       "time(6h)",
       R"({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","max","room"],"values":[["2022-01-01T06:00:00Z",23,"Kitchen"],["2022-01-01T12:00:00Z",22.8,"Kitchen"],["2022-01-01T18:00:00Z",23.3,"Kitchen"]]}]}]})"},
      {"SELECT top(temp, room, 2) FROM home",
       R"({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","top","room"],"values":[["2022-01-01T18:00:00Z",23.3,"Kitchen"],["2022-01-01T18:00:00Z",22.8,"Living Room"]]}]}]})"},
      {"SELECT min(temp), co FROM home GROUP BY room",
       R"({"results":[{"statement_id":0,"series":[{"name":"home","tags":{"room":"Kitchen"},"columns":["time","min","co"],"values":[["2022-01-01T08:00:00Z",21,0]]},{"name":"home","tags":{"room":"Living Room"},"columns":["time","min","co"],"values":[["2022-01-01T08:00:00Z",21.1,0]]}]}]})"},
      {"SELECT first(temp), co, room FROM home WHERE time >= '2022-01-01T08:00:00Z' AND time <= '2022-01-01T20:00:00Z' "
       "GROUP BY time(6h) fill(none)",
       R"({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","first","co","room"],"values":[["2022-01-01T06:00:00Z",21.1,0,"Living Room"],["2022-01-01T12:00:00Z",22.5,0,"Kitchen"],["2022-01-01T18:00:00Z",23.3,18,"Kitchen"]]}]}]})"},
  };
  for (const auto& c : cases) {
    std::string query_text = c.query;
    CAPTURE(query_text);
    CHECK(t.run(c.query) == c.json);
  }
}

TEST_CASE("tz() writes local times and aligns windows on local time") {
  Tutorial t;
  CHECK(t.run("SELECT temp FROM home LIMIT 1 tz('Europe/Paris')") ==
        R"({"error":"error parsing query: unable to find time zone Europe/Paris"})");
  // Winter offsets (the host supplies real zone data; these zones have no DST in January).
  t.ctx.zone_offset = [](std::string_view zone, int64_t) -> std::optional<int64_t> {
    if (zone == "Europe/Paris") return 3600;
    if (zone == "Asia/Kolkata") return 19800;
    return std::nullopt;
  };
  const Case cases[] = {
      {"SELECT temp FROM home WHERE room = 'Kitchen' LIMIT 1 tz('Europe/Paris')",
       R"({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","temp"],"values":[["2022-01-01T09:00:00+01:00",21]]}]}]})"},
      {"SELECT temp FROM home WHERE room = 'Kitchen' LIMIT 1 tz('UTC')",
       R"({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","temp"],"values":[["2022-01-01T08:00:00Z",21]]}]}]})"},
      {"SELECT temp FROM home WHERE room = 'Kitchen' LIMIT 1 tz('Nowhere/X')",
       R"({"error":"error parsing query: unable to find time zone Nowhere/X"})"},
      {"SELECT mean(temp) FROM home WHERE time >= '2022-01-01T00:00:00Z' AND time < '2022-01-02T00:00:00Z' GROUP BY "
       "time(1d) tz('Europe/Paris')",
       R"({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","mean"],"values":[["2022-01-01T00:00:00+01:00",22.396153846153844],["2022-01-02T00:00:00+01:00",null]]}]}]})"},
      {"SELECT count(temp) FROM home WHERE time >= '2022-01-01T08:00:00Z' AND time <= '2022-01-01T20:00:00Z' GROUP BY "
       "time(6h) tz('Asia/Kolkata')",
       R"({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","count"],"values":[["2022-01-01T12:00:00+05:30",10],["2022-01-01T18:00:00+05:30",12],["2022-01-02T00:00:00+05:30",4]]}]}]})"},
  };
  for (const auto& c : cases) {
    std::string query_text = c.query;
    CAPTURE(query_text);
    CHECK(t.run(c.query) == c.json);
  }
  CHECK(t.run("SELECT temp FROM home WHERE room = 'Kitchen' LIMIT 1 tz('Europe/Paris')", "s") ==
        R"({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","temp"],"values":[[1641024000,21]]}]}]})");
}

TEST_CASE("DELETE and DROP go to the host's delete hook; other statements report errors") {
  Tutorial t;
  CHECK(t.run("DROP MEASUREMENT home") ==
        R"({"results":[{"statement_id":0,"error":"DROP MEASUREMENT is not supported by this server"}]})");
  std::vector<std::string> calls;
  t.ctx.delete_data = [&](std::string_view db, std::string_view rp, const DeleteRequest& req) {
    std::string call = std::string(db) + "/" + std::string(rp) + " " + req.measurement + " " +
                       std::to_string(req.range.start) + ".." + std::to_string(req.range.stop);
    for (const auto& tag : req.tag_equals) call += " " + tag.key + "=" + tag.value;
    calls.push_back(call);
    return Status::Ok();
  };
  CHECK(t.run("DELETE FROM home WHERE room = 'Kitchen' AND time < '2022-01-01T12:00:00Z'; DROP MEASUREMENT home; "
              "DELETE FROM home WHERE co > 3; CREATE DATABASE x") ==
        R"({"results":[{"statement_id":0},{"statement_id":1},{"statement_id":2,"error":"DELETE supports only time ranges and tag = 'value' conditions joined by AND"},{"statement_id":3,"error":"statement not supported: CREATE DATABASE"}]})");
  REQUIRE(calls.size() == 2);
  CHECK(calls[0] == "get-started/ home -9223372036854775806..1641038400000000000 room=Kitchen");
  CHECK(calls[1] == "get-started/ home -9223372036854775806..9223372036854775806");
}

TEST_CASE("exponential_moving_average (InfluxDB 1.7+: alpha 2/(N+1), first value seeds, N-1 held back)") {
  Tutorial t;
  // Kitchen temps 21, 23, 22.7: EMA(2) has alpha 2/3: 21 → 22.333.. → 22.577..
  CHECK(t.run("SELECT exponential_moving_average(temp, 2) FROM home WHERE room = 'Kitchen' LIMIT 2") ==
        R"({"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","exponential_moving_average"],"values":[["2022-01-01T09:00:00Z",22.333333333333332],["2022-01-01T10:00:00Z",22.577777777777776]]}]}]})");
}

TEST_CASE("SHOW with several FROM sources") {
  TwoMeasurements t;
  CHECK(t.run("SHOW TAG KEYS FROM weather, /ho/") ==
        R"({"results":[{"statement_id":0,"series":[{"name":"home","columns":["tagKey"],"values":[["room"]]},{"name":"weather","columns":["tagKey"],"values":[["city"]]}]}]})");
  CHECK(t.run("SHOW FIELD KEY CARDINALITY FROM home, weather, home") ==
        R"({"results":[{"statement_id":0,"series":[{"name":"home","columns":["count"],"values":[[3]]},{"name":"weather","columns":["count"],"values":[[3]]}]}]})");
}
