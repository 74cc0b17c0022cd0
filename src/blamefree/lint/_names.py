"""Word lists behind person detection: more first names, and capitalised words that are not people.

The first names widen `_people`'s built-in list across languages and regions (given names
written in Latin letters, accents optional). The other lists say which capitalised words at
the start of a clause are products, services, vendors, teams or ordinary nouns, so that a
capitalised word that is none of these can be read as a name when the sentence also shows
a fault ("Tobiah ignored the failing checks").
"""

from __future__ import annotations


def wordset(text: str) -> frozenset[str]:
    """The set of whitespace-separated words in `text` (for word lists written as prose)."""
    return frozenset(text.split())


MORE_FIRST_NAMES = wordset(
    """
 andreas andrius arturs asher bailey bradley casper cathy clive conner cory cyrus dimitrios
 dudley edgars frederic gregory gunter hadley hayley humphrey ingmar jasper jed jules juris
 kingsley kristaps kristopher lisandro neal nicholas nikolas nirmal paulius piers polly
 raimonds reiner reinis silas sylvester tadas walther
 aaliyah abby abe abel abner ada addison adele adeline agatha agnes aidan ainsley al
 albert alberto aldo alec alexis alfie alfred alfredo alistair allan allen alton alvin
 amos andre andrea angel angus annabel annie anthony archie ariana ariel arlo
 arnold arthur ashton aubrey audrey austin avery barry bart basil beau becky
 ben benny bernie bert beverly billy blake bobby bonnie brendan brent brett bridget
 brittany brooke bryan bryce byron caleb calvin cameron camille candace carlton carly
 carmen carrie casey cassie cecil cedric chad charlene charley chelsea cheryl chester
 chuck clarence clark claudette clay clayton cliff clifford clint clyde cody cole
 colleen conor constance cora corey cornelius craig crystal curtis cynthia dale dallas
 dalton damon darcy darla darlene darnell darryl daryl dave davis dawson deborah debbie
 debra delores denise derrick desiree devin dexter dolores dominique don donald donovan
 dora doris dorothy douglas duane dustin dwayne dwight earl eddie edith edna
 eileen elaine eleanor elise ella ellie elliot elliott eloise elsie elton emerson
 emmett ernest ernie esme ethel eugene evelyn everett fay felicity fletcher flora
 florence floyd forrest frances francesca franklin fred freddie frederick gail garrett
 geneva genevieve geoffrey gerald geraldine gilbert ginger gladys glen glenn gwen
 gwendolyn hal hank harlan harold harper harrison harvey hazel heath herbert herman
 hilary hillary howard hunter imogen ira irving isla jackie jackson jacqueline jamie
 janice jeanette jeanne jeannie jeffrey jenny jerome jerry jessie joanne jody joel
 johnny jolene josie joyce judith kara kathleen kathryn kathy katrina kay keira
 kelsey kendall kendra kenny kent kerry kirk kristen kristin kurt kylie lacey lance
 landon larry laurel laurie lawrence leanne lena leon leona leroy leslie lester lewis
 lillian lincoln lionel lloyd lois lonnie loretta lorraine louie lowell lucas lucille
 luther lyle lynn mabel mackenzie madeline madison mae maggie malcolm mandy marcia
 margo marian marie marilyn marion marjorie marla marlene marsha marshall martha marty
 marvin maureen mavis maxine melvin meredith micah mildred milo milton miranda misty
 mitchell monty murray myra myrtle naomi nathaniel ned nelson nettie nigel noel norma
 norman olive ollie opal orville otis owen pamela patsy patty paula pauline pearl peggy
 penny percy perry phoebe phyllis preston priscilla rachael ralph ramona randall randy
 ray raymond reggie reginald rhonda ricky rita robbie roberta robin rochelle rod rodney
 roger roland ron ronald ronnie roscoe ross roxanne roy rudy russ rusty sabrina sadie
 sammy savannah seymour shaun shawn sheldon shelby shelley sherry shirley sidney
 skyler sonny spencer stacey stanley sterling stewart sydney tabitha tammy ted teddy
 terence terrence terri terry thelma theodore tiana timothy tobias toby tommy tracy
 trent trisha trudy tucker ty vance vaughn vera vern vernon vic vickie virgil virginia
 vivian wade wallace walt warren wayne wes wilbur wiley willard willie wilson winifred
 winston woodrow wyatt yvette yvonne zack zane
 aidan aileen aisling alannah aoibhinn bairbre brendan bridie cathal caoimhe cian
 ciara clodagh conall conan conn darragh deirdre donal donnacha eamon eamonn eimear
 eithne enda eoghan eoin fergal fergus fiachra fionn fionnuala grainne grainne gearoid
 keelin killian liadan lorcan mairead maeve mairtin malachy muireann niall oisin oran
 padraig padraic peadar rian ronan ruairi ruari seamus sean shay sile sorcha tadhg
 una ailsa alasdair angus ewan fraser hamish iona isla kirsty lachlan morag mhairi
 murdo rab rhona ruaridh aled bethan bryn cerys dafydd delyth dylan emrys eleri gareth
 geraint gethin glyn gwyn huw idris ieuan iolo llinos lowri megan nia owain rhian
 rhodri sian tegan trystan
 achim adelheid alois annegret anneliese annika axel benno bernd birgit burkhard
 detlef dirk eberhard egon elke emma erich ernst frauke friedrich fritz gerhard gerd
 gisela gottfried gudrun guenther gunther hartmut hauke heike heiner heinrich heinz
 helge henning holger horst ilse ingeborg jannik joachim jochen kai kerstin knut
 konrad kurt lothar ludwig lutz manfred marlies matthias meike mirko norbert ortwin
 otto rainer ralf reinhold rolf rudiger rüdiger sabine siegfried sieglinde steffen
 thilo thorsten torsten udo ulf ulla ulrike ute uwe volker waltraud wilfried wolfgang
 wiebke anouk bram daan dirk floor fleur joost joris kees lieke maarten meike niels
 pieter ruud sander sanne stijn thijs wouter
 agnetha alva annelie arvid asa åsa bengt birger dag ebba edvin elsa erland folke
 gote göran gunilla hedda hjalmar inga ingemar jorunn kerstin lasse lisen magda mats
 nils oddny ola olav olof ove pernilla ragnar rune signe sigurd stig tage tove ulla
 viggo vilde viveka yngve asger bent bodil carsten dorthe frede henrik jesper jorgen
 jørgen kasper mads malene morten nikolaj poul rasmus soren steen tine torben troels
 ulrik
 adriano agostino alba alberta alessia amedeo annalisa arianna aurelio benedetta
 bernardo bettino carlo caterina cesare cosimo dario domenico donatella elisabetta
 emanuele enrico ettore fabrizio filippo flavia franca gaetano gianluca gianni gino
 giorgio giuseppe graziella guido ilaria leonardo lorena luigi marcello maurizio
 michele massimo nicolo niccolo ornella ottavio paolo piero pietro raffaele renato
 rocco romina rosalba salvatore sandro serena silvio stefano tancredi tommaso ugo
 umberto valerio vittoria vittorio
 adelaide amandine anais anaïs apolline aurore bastien benoit benoît brice camille
 cedric cédric clement clément corentin damien delphine didier elise eloise emeline
 fabrice florence florent gael gaël gaelle geraldine gregoire guillaume helene hélène
 henri herve hervé jacques jean jeanne jerome jérôme josiane laetitia laure lucie
 ludovic mael marc-antoine margaux marianne mathieu mathilde maxime micheline nadege
 noemie océane oceane olivier pascale patrice romain sandrine solene solène sylvain
 sylvie thibault thierry valentine yann yves
 adolfo agustina alejandra almudena amparo anselmo araceli aurelio benito blanca
 candela catalina consuelo dolores elvira emiliano encarnacion esperanza estefania
 eusebio florencia gregorio hortensia ines inmaculada jacinto jesus jesús josefina
 leandro lorenzo lourdes macarena marcos mercedes milagros montserrat nicanor nieves
 paloma patricio paula pepe ramiro remedios rodolfo rogelio rosario ruben rubén sergio
 soledad teodoro trinidad valentin vicente yolanda
 adelino afonso ana-paula baltazar caetano cristiano diogo duarte edson fabiana
 flavio gilberto graca iara jandira joana leonor lucas luana marcelo nathalia rodrigo
 sebastiao talita valdemar zeca
 aleksander aleksy andrzej bogumil bronislaw czeslaw danuta dobromir elzbieta
 franciszek genowefa halina ignacy irena jadwiga jerzy jolanta kazimierz krystian
 leszek ludwik mieczyslaw miroslaw natalia renata ryszard sebastian stanislaw stefan
 tadeusz teresa urszula waclaw wieslaw wladyslaw zdzislaw zygmunt borislav branko
 darko dejan dusan goran ivica jovana ljubica marija marko milena miodrag nemanja
 nenad radomir ratko slavica snezana srdjan stojan tijana vesna vladan zeljko zoran
 anatoly arkady boris dasha denis evgenia fyodor galina gennady grigory inna kostya
 lev lyudmila marina masha maksim nadezhda nikolay pasha pyotr rodion stas svetlana
 tamara timur vadim valentina valery vasilisa venera vera viktoriya yelena zhenya
 alexandros anastasios apostolos athanasios christos despina dimitra eleftheria
 evangelos georgios ioanna kostas konstantinos maria panagiotis paraskevi spyros
 stavros theodoros vasilis yannis
 adem alp aslan ayla aysel baris barış berk beyza burcu cengiz deniz derya ece emine
 erdem erkan fatih ferhat gokhan gökhan gul hulya ilker kerem levent mert nazli oya
 ozge özge pinar sevgi sinan tamer tolga tuncay ugur yagmur yeliz yildiz zehra
 abdelaziz abdallah abdelkader abdulrahman adel adnan ahlam aisha amal amin amira
 anas ashraf asma ayman aziz basma bashir bassam dalal dina fadi fadwa fahad faris
 farouk fawzi ghada habib hadi hala hamad hanan haneen hatem hayat hazem hiba hind
 hisham hoda hussam iman issa jamal jamila jawad kareem karim khaled khalil laila lama
 lina lubna mahmoud majid malak maha marwan mazen mona mounir mustapha nabil nada
 nadia najib nasser nawal nizar noura omar osama rami randa rashid reem rima rola
 sahar said saleh salma samer samira sami sara sawsan shadi souad sultan tamer wael
 walid yara yasser youssef zain zainab ziad
 afsaneh amir-ali arash ardeshir azadeh bahar behnam bijan darioush dariush ehsan
 elham farnaz fereshteh ghazal hamed hamid hossein kamran kaveh kazem laleh mahnaz
 majid mani marjan maryam masoud mehrdad mehdi mina mitra mohsen mojtaba morteza
 nasrin neda niloufar parisa parviz payam pegah reza saeed sahar sara shahram
 shahrzad shervin sima sohrab taraneh vahid yasaman
 aakash aarti abhijit abhinav aditi advait ajit akhil alka amar ambika amol amrita
 anirudh ankit ankita anupama anuradha archana arpita ashish atul bharat bhavesh
 chaitanya chandra deepika devika dhruv dilip gagan ganesh geeta girish gopal govind
 harpreet harsh harsha hemant indira ishita jagdish jaswinder jatin jyoti kajal kalpana
 kamal kapil karan kavita keshav kishore krishnan kunal lata madhuri mahendra manisha
 manpreet meenakshi mohan mukesh namita naresh navneet nikita nilesh niraj nirmala
 nisha parag parveen pavan prabhu pradeep prasad prashant pratik praveen prem puja
 rachna radha raghav rajan rajendra rajinder raju ramya ranjit rashmi ravindra rekha
 renu rishi rupali sagar sahil sameer sandhya sangeeta sanjeev santosh sarita satish
 saurabh seema shashi shilpa shobha shruti siddhartha simran smita sonal subhash
 sudha sujata sukhwinder sumit sunita surinder sushil swapna tejas tushar usha
 vaibhav vijaya vikas vimal vineet vipin vishal yamini yuvraj zubin
 ahsan ayesha bilal danish faiza farhan fawad hamza haris iqbal irfan javeria kashif
 mahnoor nadeem naeem noman rabia rizwan saad sadaf saima sana shahid shazia sohail
 tahir talha usman waqas yasir zeeshan zubair arif anwar habiba mahbub nasrin rafiq
 rahim shafiq tahmina
 akemi ami asuka atsushi chihiro daiki eiji emi fumiko goro hana hanako haruki
 hideo hideki hikaru hinata hiroshi hisako ichiro isamu jiro kaito kana kanae katsu
 kazuo keiko ken kenichi kiyoshi koichi kumiko mai mako mamoru mariko masaki masahiro
 masako mayumi megumi michiko midori minoru misaki miyu nanami naoki naomi natsuki
 nobu noriko osamu reiko ryota ryuji sachiko saki satomi satoru sayuri shigeru
 shiori shoji sora takashi takeo taro tetsuya tomo toshiro yoshi yoshiko yui yuka
 yukiko yuko yumiko yusaku
 chao chen cheng chun dong fang fei feng guang guo hao hong hua hui
 jia jian jiang jiayi jun kang lei lian liang lin ling mei meng ming ning
 peng qi qiang qing rong rui shan shu tao ting wen wu xia xiang xiao xiaoming
 xiaoyu xin xiu xu yan yang ying yong yue yun zhi zhong zhen zhiwei
 byung chae dae dong-hyun eun-ji ha-eun hae ji-ho ji-hoon ji-woo jieun jihoon jimin
 jiwoo jung kyung min-jun min-seo minho minji minjun seo-yeon seong seung
 seungmin so-yeon soo sooyoung sun-hee sung-min taeyang woo yeon yong young yuna
 anh bich cuong dat diep giang hanh hau hien hoang hong hung huy khanh kim
 loan luan ngoc nhung phat phong phuc quan quynh thang thu
 thuy tien toan trinh trung tung uyen viet vu
 ahmad aminah anwar aziz budiman cahya citra dian fajar farah hadi hendra intan joko
 kartika lestari maya nur nurul puspita putri rahmat ratna rina sari siti slamet
 suharto susanti taufik teguh tri wahyu wati yanti yulia zul anong boonsri chai
 kanya kittisak malee narong pim prasert ratana somsak sunee supachai wanida
 aba abiola adaora adaku adanna adenike adesuwa adeyemi afolabi akin akinyi akua
 amaka amarachi anulika ayo ayotunde azubuike bolanle chidi chiamaka chiara chike
 chinyere chioma dapo ebele ebun efe ekene emeka eniola enitan funke funmilayo ibukun
 ify ijeoma ikechukwu kehinde kelechi kunle lola modupe ngozi nkem nneka nnenna obafemi
 obi ogechi okechukwu olabisi oladipo olajide olawale oluchi olufunke oluwadamilare
 oyelowo simi tayo temi titi tobenna uchenna ugochi yewande zainab abdul abubakar
 aliyu amina bello habiba hadiza halima hauwa jibril kabiru lawal maryam musa nasiru
 rabiu sadiq sani shehu umaru usman yakubu zaynab
 abla adwoa akosua ama ato efia ekua esi kobby kwadwo kwaku kwame kwasi kwesi nana
 yaw yaa akinyi atieno awino chebet jelagat kamau kariuki kibet kimani kiprono
 makena mumbi muthoni mwangi njeri njoki nyokabi odhiambo ochieng onyango wairimu
 wambui wanjala wekesa amani asha baraka bahati furaha imani jabari jelani kesi
 nia rehema saida tumaini zuri
 andile bheki bongani buhle dumisani lerato lesedi lindiwe lungelo mpho mthunzi
 nandi nkosinathi nokuthula nomsa nompumelelo sibongile sifiso siphiwe siyabonga
 thabiso thando themba thulisile tshepo xolani zinhle zola zukisa
 abebe alem amare bekele berhane biniam dawit eyerusalem genet girma hana hiwot kidist
 mekdes meseret mulugeta rahel samrawit sara tigist tsion yared yohannes zewdu
 aviv avraham chaim dov eitan eli eliezer hadas ilan itai liat meir moshe noa noam
 ofer oren orly rivka ronit shai shira shlomo tal tamar uri yael yitzhak yoav yonatan
 ahanu aiyana aroha hemi kiri manaia mere nikau rawiri tane tui wiremu keanu kalani
 kai leilani makoa malia nalani pua sione tevita losana mele viliami
 agustin alvaro ana-lucia anahi benicio bruno camilo candelaria catalina dante
 eliseo facundo florencia gael guadalupe ignacio itzel jacinta jimena lautaro luciana
 maite martina matias milagros nahuel renata romina santino tomas ximena xochitl
 yamila
 """
)
"""Given names to add to `_people`'s built-in list."""

WORDLIKE_NAMES = wordset(
    "ray rod pearl crystal penny hunter harper cole clay cliff chuck dale glen wade lance "
    "kent rusty sterling misty ginger hazel olive opal earl sonny ty flora forrest "
    "fay hal june tal noa amani an"
)
"""Added names that are also ordinary lower-case words: a name only when capitalised."""

NAMES_ENDING_LIKE_NOUNS = wordset(
    "constance florence prudence clarence lawrence terrence laurence hortense providence "
    "patience grace faith hope ignacio lorraine"
)
"""Names whose ending looks like a common noun's ("-ence", "-ance"): never ruled out by it."""

TECH_WORDS = wordset(
    """
    akamai airflow alertmanager algolia alibaba alpine amazon ambassador ansible apache
    apigee appdynamics apollo appengine argocd artifactory athena atlassian
    aurora auth0 autoscaler azure babel bamboo bazel beanstalk bigquery bigtable
    bitbucket bitnami bind borg braintree buildkite bugsnag caddy calico cassandra celery
    centos ceph certbot certmanager chef chrome chromium cilium circleci citus clickhouse
    cloudflare cloudfront cloudsql cloudwatch cockroach cockroachdb commvault confluence
    consul containerd coredns cortex cosmos couchbase couchdb crowdstrike cypress dapr
    databricks datadog debian deno digitalocean django docker dockerhub drone dropbox
    druid dynamo dynamodb dynatrace ec2 ecr ecs eks elastic elasticache elasticsearch
    envoy equinix etcd exchange fargate fastly fedora filebeat firebase firefox firestore
    flannel flink fluentd fluentbit flux fortinet fortigate gatekeeper gerrit git github
    gitaly gitlab glusterfs gke gmail google grafana graphql graylog gunicorn hadoop
    haproxy harbor hashicorp hbase helm heroku hetzner hive honeycomb hubspot hudson ibm
    icinga iis imperva influxdb influx ingress intercom ios istio jaeger java jboss jenkins
    jetty jira juniper kafka karpenter keycloak kibana kinesis kong kube kubectl kubelet
    kubernetes kustomize kyverno lambda laravel linkerd linode logstash loki longhorn
    lucene macos mailchimp mailgun mariadb marathon mastodon mattermost memcache
    memcached mesos microsoft mimir minio mongo mongodb mongos mssql nagios nats neo4j
    netapp netlify newrelic nexus nginx nifi node nomad notion npm nvidia okta openai
    opensearch openshift openstack opsgenie oracle outlook ovh packer pagerduty papertrail
    patroni paypal pgbouncer pgpool php pingdom plaid podman postfix postgres postgresql
    postgis presto prometheus pulsar pulumi puma puppet pypi quay rabbit rabbitmq rails
    rancher react redis redshift renovate restic riak rollbar route53 rubygems runc
    rundeck s3 saltstack salesforce scylla scylladb sendgrid sentry sharepoint shopify
    sidekiq slack snowflake snyk solr sonarqube spark spinnaker splunk spring sqlite
    sqs sns squid statuspage stripe sumo supabase systemd tailscale tekton teleport
    tempo teradata terraform thanos tomcat traefik trino twilio typescript ubuntu
    unicorn uwsgi vagrant varnish vault velero vercel verizon vertica vitess vmware vue
    webpack weblogic websphere windows wireguard wordpress yarn zabbix zendesk zipkin
    zookeeper zoom zscaler
    adobe adyen airbnb apple arista att autodesk baidu bt canonical cisco cogent comcast
    dell discord docusign ebay ericsson facebook fastly fortinet godaddy huawei instagram
    intel juniper level3 lenovo linkedin lumen lyft meta namecheap netflix nokia ntt
    orange paloalto pinterest reddit redhat samsung sap servicenow snap spotify sun suse
    telia telstra tencent tiktok twitch twitter uber visa vodafone whatsapp workday yahoo
    youtube zayo digicert sectigo globalsign entrust verisign ultradns dyn ns1 amd arm
    """
)
"""Products, services, tools and vendors that open sentences the way names do."""

COMMON_CAPITALISED = wordset(
    """
    access accounting admin alerting alerts analytics auth authentication automation
    availability backend backups billing cache caching capacity checkout cleanup client
    clients cloud compliance compute config connectivity cooling customer customers
    dashboard data database deploys design dev devops disk docs email engineering
    everything facilities failover finance firmware frontend hardware health infra
    infrastructure ingest inventory itself latency leadership legal load logging login
    logs mail maintenance management marketing memory messaging mobile monitoring network
    networking nobody ops operations orders partner payments payroll platform power
    procurement product production qa recovery replication reporting retries routing
    sales search security setup shipping signup software staging storage support
    telemetry testing throughput traffic training update upgrade upstream downstream
    usage users vendor web website
    after again almost also although another anyway around because before both despite
    during either every few following from further given having how instead later less
    many meanwhile more most much neither none once only other overall overnight perhaps
    rather several since soon still such though through throughout thus together too
    toward towards until upon what whatever when whenever where whether which while who
    whoever why within without yet
    """
)
"""Ordinary words that open sentences capitalised: teams, areas, adverbs, conjunctions."""

NOUN_ENDINGS = (
    "tion",
    "sion",
    "ment",
    "ity",
    "ness",
    "ance",
    "ence",
    "ing",
    "ics",
    "ism",
    "ogy",
    "ery",
    "ware",
    "ency",
    "ancy",
    "ure",
    "age",
)
"""Endings of common nouns ("Replication", "Caching", "Storage"), rare in given names."""

SHAPE_ENDINGS = (
    "ly",
    "ed",
    "s",
    "er",
    "al",
    "ive",
    "ous",
    "ic",
    "ful",
    "less",
    "able",
    "ible",
    "ist",
    "ant",
    "ward",
    "like",
    "ish",
    "ary",
    "ory",
    "ize",
    "ise",
    "ify",
    "ate",
    "day",
    "time",
    "term",
)
"""Endings of adverbs, participles, plurals, adjectives and agent nouns ("Obviously",
"Paused", "Flags", "Scheduler"): a word no name list knows is not taken for a name with them."""

FUNCTION_WORDS = wordset(
    """
    on by as to at for with under in into onto of off up down over out from about above
    below between among across along behind beyond near past per via upon within without
    two three four five six seven eight nine ten one zero multiple several many most some
    any all each every both either neither lack critical summary diagnosis lessons control
    online offline incident incidents services actions issues test tests engine shared root
    long short high low new old next last first second third final early late total
    partial full major minor primary secondary internal external public private manual
    automatic initial current previous same other another such what which who whom whose
    why how where when then there here yes not no nor and but or so if unless until while
    although though because since after before during except including following given
    """
)
"""Short and common capitalised words that open headings, list items and sentences."""
