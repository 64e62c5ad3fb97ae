// The annotated-CSV reader behind `tidewater write --format csv`, checked against the examples
// InfluxDB's csv2lp documents (their expected line protocol), plus its error messages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CsvToLineProtocol } from '../../wasm/cli/csv_to_lp.js';

function convert(csv) {
  const c = new CsvToLineProtocol();
  return csv.split('\n').map((l, i) => c.push(l, i + 1)).filter((l) => l !== null);
}

test('a Flux query result becomes one line per row', () => {
  const csv = `#group,false,false,true,true,false,false,true,true,true,true
#datatype,string,long,dateTime:RFC3339,dateTime:RFC3339,dateTime:RFC3339,double,string,string,string,string
#default,_result,,,,,,,,,
,result,table,_start,_stop,_time,_value,_field,_measurement,cpu,host
,,0,2020-02-25T22:17:54.068926364Z,2020-02-25T22:22:54.068926364Z,2020-02-25T22:17:57Z,0,time_steal,cpu,cpu1,rsavage.prod
,,0,2020-02-25T22:17:54.068926364Z,2020-02-25T22:22:54.068926364Z,2020-02-25T22:18:07Z,0,time_steal,cpu,cpu1,rsavage.prod

#group,false,false,true,true,false,false,true,true,true,true
#datatype,string,long,dateTime:RFC3339,dateTime:RFC3339,dateTime:RFC3339,double,string,string,string,string
#default,_result,,,,,,,,,
,result,table,_start,_stop,_time,_value,_field,_measurement,cpu,host
,,1,2020-02-25T22:17:54.068926364Z,2020-02-25T22:22:54.068926364Z,2020-02-25T22:18:01Z,2.7263631815907954,usage_user,cpu,cpu-total,tahoecity.prod
,,1,2020-02-25T22:17:54.068926364Z,2020-02-25T22:22:54.068926364Z,2020-02-25T22:18:11Z,2.247752247752248,usage_user,cpu,cpu-total,tahoecity.prod`;
  assert.deepEqual(convert(csv), [
    'cpu,cpu=cpu1,host=rsavage.prod time_steal=0 1582669077000000000',
    'cpu,cpu=cpu1,host=rsavage.prod time_steal=0 1582669087000000000',
    'cpu,cpu=cpu-total,host=tahoecity.prod usage_user=2.7263631815907954 1582669081000000000',
    'cpu,cpu=cpu-total,host=tahoecity.prod usage_user=2.247752247752248 1582669091000000000',
  ]);
});

test('extended annotations, types in the header, defaults and constants', () => {
  assert.deepEqual(convert(`#datatype measurement,tag,tag,double,double,ignored,dateTime:number
m,cpu,host,time_steal,usage_user,nothing,time
cpu,cpu1,rsavage.prod,0,2.7,a,1482669077000000000
cpu,cpu1,rsavage.prod,0,2.2,b,1482669087000000000`), [
    'cpu,cpu=cpu1,host=rsavage.prod time_steal=0,usage_user=2.7 1482669077000000000',
    'cpu,cpu=cpu1,host=rsavage.prod time_steal=0,usage_user=2.2 1482669087000000000',
  ]);
  assert.deepEqual(convert(`m|measurement,cpu|tag,host|tag,time_steal|double,usage_user|double,nothing|ignored,time|dateTime:number
cpu,cpu1,rsavage.prod,0,2.7,a,1482669077000000000`), ['cpu,cpu=cpu1,host=rsavage.prod time_steal=0,usage_user=2.7 1482669077000000000']);
  const typed = [
    'test,name=annotatedDatatypes s="str1",d=1,b=true,l=1i,ul=1u,dur=1000000i 1',
    'test,name=annotatedDatatypes s="str2",d=2,b=false,l=2i,ul=2u,dur=2000i 1578737410000000000',
  ];
  assert.deepEqual(convert(`#datatype measurement,tag,string,double,boolean,long,unsignedLong,duration,dateTime
#default test,annotatedDatatypes,,,,,,
m,name,s,d,b,l,ul,dur,time
,,str1,1.0,true,1,1,1ms,1
,,str2,2.0,false,2,2,2us,2020-01-11T10:10:10Z`), typed);
  assert.deepEqual(convert(`m|measurement|test,name|tag|annotatedDatatypes,s|string,d|double,b|boolean,l|long,ul|unsignedLong,dur|duration,time|dateTime
,,str1,1.0,true,1,1,1ms,1
,,str2,2.0,false,2,2,2us,2020-01-11T10:10:10Z`), typed);
  // #constant, #timezone, a "sep=" line, locale number formats, escaping.
  assert.deepEqual(convert(`sep=;
#constant measurement;weather station
#constant tag;site;north=1
#timezone -0500
#datatype tag;double:,.;string;dateTime:RFC3339
room,x;t;note;time
a b;1.234,5;"say ""hi"" \\ now";2020-01-01T00:00:00`), [
    'weather\\ station,room\\,x=a\\ b,site=north\\=1 t=1234.5,note="say \\"hi\\" \\\\ now" 1577854800000000000',
  ]);
});

test('errors name the CSV line and column like csv2lp', () => {
  assert.throws(() => convert('#datatype measurement,long\nm,v\ncpu,1\ncpu,1.x5\ncpu,abc'), /^Error: line 5: column 'v': strconv.ParseInt: parsing "abc": invalid syntax$/);
  assert.throws(() => convert('a,b\n1,2'), /^Error: line 2: no measurement column found$/);
  assert.throws(() => convert('#datatype measurement,double\nm,v\ncpu,'), /^Error: line 3: no field data found$/);
  assert.throws(() => convert('#datatype measurement,boolean\nm,v\ncpu,maybe'), /line 3: column 'v': Unsupported boolean value 'maybe'/);
  assert.throws(() => convert('#datatype measurement,double,dateTime:RFC3339\nm,v,t\ncpu,1,yesterday'), /line 3: column 't': parsing time "yesterday"/);
});
