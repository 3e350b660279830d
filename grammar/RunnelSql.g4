// RunnelSql: Runnel's own ANTLR4 grammar for the ksqlDB SQL dialect, written from the public
// syntax reference. Written for ANTLR 4.7 (Debian's tool): keywords are spelled with letter
// fragments because 4.7 has no caseInsensitive option.
//
// Layout: entry points, statements, queries, expressions, types, identifiers, lexer.
// The parser module (engine/parser) parses one statement at a time with `singleStatement`
// (a script is split into statements first) and expressions with `singleExpression`.
//
// To extend the dialect: add the keyword token in the lexer section, add it to `nonReserved`
// unless it must be reserved (a word that can follow an expression or a relation, or that
// starts a clause), then add the rule and build it in engine/parser/ast_builder_*.cpp.
grammar RunnelSql;

// ================================================================ entry points

singleStatement
    : statement SEMICOLON? EOF
    ;

singleExpression
    : expression EOF
    ;

// ================================================================ statements

statement
    : query                                                                   # queryStatement
    | (LIST | SHOW) ALL? kind=(STREAMS | TABLES | QUERIES | TOPICS | PROPERTIES | FUNCTIONS
          | TYPES | VARIABLES | CONNECTORS) EXTENDED?                         # listStatement
    | DESCRIBE kind=(STREAMS | TABLES) EXTENDED?                              # describeSources
    | DESCRIBE FUNCTION identifier                                            # describeFunction
    | DESCRIBE EXTENDED? sourceName                                           # describeSource
    | PRINT (identifier | STRING) printClause                                 # printTopic
    | TERMINATE ALL                                                           # terminateAll
    | TERMINATE identifier                                                    # terminateQuery
    | SET name=STRING EQ value=STRING                                         # setProperty
    | UNSET name=STRING                                                       # unsetProperty
    | DEFINE variableName EQ STRING                                           # defineVariable
    | UNDEFINE variableName                                                   # undefineVariable
    | EXPLAIN statement                                                       # explainStatement
    | EXPLAIN identifier                                                      # explainQuery
    | CREATE (OR REPLACE)? SOURCE? kind=(STREAM | TABLE) (IF NOT EXISTS)? sourceName
          (LPAREN tableElement (COMMA tableElement)* RPAREN)? withClause?    # createSource
    | CREATE (OR REPLACE)? kind=(STREAM | TABLE) (IF NOT EXISTS)? sourceName
          withClause? AS query                                                # createAsSelect
    | INSERT INTO sourceName withClause? query                                # insertInto
    | INSERT INTO sourceName (LPAREN identifier (COMMA identifier)* RPAREN)?
          VALUES LPAREN expression (COMMA expression)* RPAREN                 # insertValues
    | DROP kind=(STREAM | TABLE) (IF EXISTS)? sourceName (DELETE TOPIC)?      # dropSource
    | CREATE TYPE (IF NOT EXISTS)? identifier AS type                         # createType
    | DROP TYPE (IF EXISTS)? identifier                                       # dropType
    | ASSERT (~SEMICOLON)*                                                    # assertStatement
    ;

printClause
    : (FROM BEGINNING)? ((INTERVAL | SAMPLE) interval=INTEGER_VALUE)? (LIMIT limit=INTEGER_VALUE)?
    ;

variableName
    : IDENTIFIER
    | nonReserved
    ;

tableElement
    : identifier type columnConstraint?
    ;

columnConstraint
    : PRIMARY KEY                                                             # primaryKeyConstraint
    | KEY                                                                     # keyConstraint
    | HEADERS                                                                 # headersConstraint
    | HEADER LPAREN STRING RPAREN                                             # headerConstraint
    ;

withClause
    : WITH LPAREN property (COMMA property)* RPAREN
    ;

property
    : (identifier | STRING) EQ propertyValue
    ;

propertyValue
    : STRING                                                                  # stringProperty
    | MINUS? number                                                           # numberProperty
    | (TRUE | FALSE)                                                          # booleanProperty
    | NULL_                                                                   # nullProperty
    | VARIABLE                                                                # variableProperty
    ;

sourceName
    : identifier
    ;

// ================================================================ queries

query
    : SELECT selectItem (COMMA selectItem)*
      FROM relation
      (WINDOW windowExpression)?
      (WHERE where=expression)?
      (GROUP BY groupBy=groupingExpressions)?
      (PARTITION BY partitionBy=groupingExpressions)?
      (HAVING having=expression)?
      (EMIT emit=(CHANGES | FINAL))?
      (LIMIT limit=INTEGER_VALUE)?
    ;

selectItem
    : ASTERISK                                                                # selectAll
    | identifier DOT ASTERISK                                                 # selectQualifiedAll
    | expression (AS? identifier)?                                            # selectExpression
    ;

relation
    : aliasedRelation joinClause*
    ;

aliasedRelation
    : sourceName (AS? identifier)?
    ;

joinClause
    : joinType JOIN aliasedRelation withinClause? ON expression
    ;

joinType
    : INNER?
    | LEFT OUTER?
    | RIGHT OUTER?
    | FULL OUTER?
    ;

withinClause
    : WITHIN (single=duration
             | LPAREN single=duration RPAREN
             | LPAREN before=duration COMMA after=duration RPAREN)
      (GRACE PERIOD grace=duration)?
    ;

windowExpression
    : TUMBLING LPAREN SIZE size=duration (COMMA windowOption)* RPAREN         # tumblingWindow
    | HOPPING LPAREN SIZE size=duration COMMA ADVANCE BY advance=duration
          (COMMA windowOption)* RPAREN                                        # hoppingWindow
    | SESSION LPAREN gap=duration (COMMA windowOption)* RPAREN                # sessionWindow
    ;

windowOption
    : RETENTION duration                                                      # retentionOption
    | GRACE PERIOD duration                                                   # graceOption
    ;

groupingExpressions
    : LPAREN expression (COMMA expression)* RPAREN
    | expression (COMMA expression)*
    ;

duration
    : INTEGER_VALUE timeUnit
    ;

timeUnit
    : MILLISECOND | MILLISECONDS | SECOND | SECONDS | MINUTE | MINUTES | HOUR | HOURS | DAY | DAYS
    ;

// ================================================================ expressions
// Precedence, lowest first: OR, AND, NOT, predicates (comparison, IS, BETWEEN, IN, LIKE),
// ||, + -, * / %, unary + -, postfix ([i], ->field, ->*). In a left-recursive ANTLR rule the
// earlier alternative binds tighter.

expression
    : booleanExpression
    ;

booleanExpression
    : predicated                                                              # booleanDefault
    | NOT booleanExpression                                                   # logicalNot
    | left=booleanExpression AND right=booleanExpression                      # logicalAnd
    | left=booleanExpression OR right=booleanExpression                       # logicalOr
    ;

predicated
    : valueExpression predicate?
    ;

predicate
    : comparisonOperator right=valueExpression                                # comparisonPredicate
    | NOT? BETWEEN lower=valueExpression AND upper=valueExpression            # betweenPredicate
    | NOT? IN LPAREN expression (COMMA expression)* RPAREN                    # inPredicate
    | NOT? LIKE pattern=valueExpression (ESCAPE escape=STRING)?               # likePredicate
    | IS NOT? NULL_                                                           # nullPredicate
    | IS NOT? DISTINCT FROM right=valueExpression                             # distinctPredicate
    ;

comparisonOperator
    : EQ | NEQ | LT | LTE | GT | GTE
    ;

valueExpression
    : primaryExpression                                                       # valuePrimary
    | op=(MINUS | PLUS) valueExpression                                       # unaryArithmetic
    | left=valueExpression op=(ASTERISK | SLASH | PERCENT) right=valueExpression   # multiplicative
    | left=valueExpression op=(PLUS | MINUS) right=valueExpression            # additive
    | left=valueExpression CONCAT right=valueExpression                       # concatenation
    ;

primaryExpression
    : literal                                                                 # literalExpression
    | identifier STRING                                                       # typedLiteral
    | VARIABLE                                                                # variableReference
    | CAST LPAREN expression AS type RPAREN                                   # cast
    | CASE operand=expression whenClause+ (ELSE elseExpression=expression)? END   # simpleCase
    | CASE whenClause+ (ELSE elseExpression=expression)? END                  # searchedCase
    | ARRAY LBRACKET (expression (COMMA expression)*)? RBRACKET               # arrayConstructor
    | MAP LPAREN (mapEntry (COMMA mapEntry)*)? RPAREN                         # mapConstructor
    | STRUCT LPAREN (structEntry (COMMA structEntry)*)? RPAREN                # structConstructor
    | identifier LPAREN ASTERISK RPAREN                                       # functionCallStar
    | identifier LPAREN (functionArgument (COMMA functionArgument)*)? RPAREN  # functionCall
    | qualifier=identifier DOT column=identifier                              # qualifiedColumn
    | identifier                                                              # columnReference
    | LPAREN expression RPAREN                                                # parenthesized
    | base=primaryExpression LBRACKET index=expression RBRACKET               # subscript
    | base=primaryExpression ARROW field=identifier                           # dereference
    | base=primaryExpression ARROW ASTERISK                                   # dereferenceAll
    ;

whenClause
    : WHEN condition=expression THEN result=expression
    ;

mapEntry
    : key=expression ASSIGN value=expression
    ;

structEntry
    : identifier ASSIGN expression
    ;

// A bare time unit as a whole argument is an interval unit (TIMESTAMPADD(SECONDS, ...)); the
// first alternative wins when a unit word could also be read as a column.
functionArgument
    : timeUnit                                                                # intervalUnitArgument
    | lambdaExpression                                                        # lambdaArgument
    | expression                                                              # expressionArgument
    ;

lambdaExpression
    : identifier LAMBDA_ARROW expression
    | LPAREN identifier (COMMA identifier)* RPAREN LAMBDA_ARROW expression
    ;

literal
    : NULL_                                                                   # nullLiteral
    | (TRUE | FALSE)                                                          # booleanLiteral
    | number                                                                  # numericLiteral
    | STRING                                                                  # stringLiteral
    ;

number
    : INTEGER_VALUE                                                           # integerNumber
    | DECIMAL_VALUE                                                           # decimalNumber
    | FLOATING_POINT_VALUE                                                    # doubleNumber
    ;

// ================================================================ types

type
    : ARRAY LT type GT                                                        # arrayType
    | MAP LT keyType=type COMMA valueType=type GT                             # mapType
    | STRUCT (LT (structTypeField (COMMA structTypeField)*)? GT | NEQ)        # structType
    | identifier (LPAREN INTEGER_VALUE (COMMA INTEGER_VALUE)* RPAREN)?        # namedType
    ;

structTypeField
    : identifier type
    ;

// ================================================================ identifiers

identifier
    : IDENTIFIER                                                              # unquotedIdentifier
    | QUOTED_IDENTIFIER                                                       # quotedIdentifier
    | BACKQUOTED_IDENTIFIER                                                   # backQuotedIdentifier
    | nonReserved                                                             # keywordIdentifier
    | DIGIT_IDENTIFIER                                                        # digitIdentifier
    | VARIABLE                                                                # variableIdentifier
    ;

// Keywords that may still be used as unquoted identifiers. Every other keyword is reserved.
nonReserved
    : ADVANCE | ALL | ARRAY | ASSERT | BEGINNING | CHANGES | CONNECTORS | DAY | DAYS | DEFINE
    | DELETE | DESCRIBE | EXISTS | EXPLAIN | FINAL | FUNCTION | FUNCTIONS | GRACE | HEADER
    | HEADERS | HOPPING | HOUR | HOURS | INTERVAL | KEY | LIST | MAP | MILLISECOND | MILLISECONDS
    | MINUTE | MINUTES | PERIOD | PRIMARY | PRINT | PROPERTIES | QUERIES | REPLACE | RETENTION
    | SAMPLE | SECOND | SECONDS | SESSION | SET | SHOW | SIZE | SOURCE | STREAM | STRUCT | TABLE
    | TERMINATE | TOPIC | TOPICS | TUMBLING | TYPE | TYPES | UNDEFINE | UNSET | VALUES | VARIABLES
    ;

// ================================================================ lexer: keywords

ADVANCE: A D V A N C E;
ALL: A L L;
AND: A N D;
ARRAY: A R R A Y;
AS: A S;
ASSERT: A S S E R T;
BEGINNING: B E G I N N I N G;
BETWEEN: B E T W E E N;
BY: B Y;
CASE: C A S E;
CAST: C A S T;
CHANGES: C H A N G E S;
CONNECTORS: C O N N E C T O R S;
CREATE: C R E A T E;
DAY: D A Y;
DAYS: D A Y S;
DEFINE: D E F I N E;
DELETE: D E L E T E;
DESCRIBE: D E S C R I B E;
DISTINCT: D I S T I N C T;
DROP: D R O P;
ELSE: E L S E;
EMIT: E M I T;
END: E N D;
ESCAPE: E S C A P E;
EXISTS: E X I S T S;
EXPLAIN: E X P L A I N;
EXTENDED: E X T E N D E D;
FALSE: F A L S E;
FINAL: F I N A L;
FROM: F R O M;
FULL: F U L L;
FUNCTION: F U N C T I O N;
FUNCTIONS: F U N C T I O N S;
GRACE: G R A C E;
GROUP: G R O U P;
HAVING: H A V I N G;
HEADER: H E A D E R;
HEADERS: H E A D E R S;
HOPPING: H O P P I N G;
HOUR: H O U R;
HOURS: H O U R S;
IF: I F;
IN: I N;
INNER: I N N E R;
INSERT: I N S E R T;
INTERVAL: I N T E R V A L;
INTO: I N T O;
IS: I S;
JOIN: J O I N;
KEY: K E Y;
LEFT: L E F T;
LIKE: L I K E;
LIMIT: L I M I T;
LIST: L I S T;
MAP: M A P;
MILLISECOND: M I L L I S E C O N D;
MILLISECONDS: M I L L I S E C O N D S;
MINUTE: M I N U T E;
MINUTES: M I N U T E S;
NOT: N O T;
// Named NULL_ because NULL is a C macro and would break the generated C++.
NULL_: N U L L;
ON: O N;
OR: O R;
OUTER: O U T E R;
PARTITION: P A R T I T I O N;
PERIOD: P E R I O D;
PRIMARY: P R I M A R Y;
PRINT: P R I N T;
PROPERTIES: P R O P E R T I E S;
QUERIES: Q U E R I E S;
REPLACE: R E P L A C E;
RETENTION: R E T E N T I O N;
RIGHT: R I G H T;
SAMPLE: S A M P L E;
SECOND: S E C O N D;
SECONDS: S E C O N D S;
SELECT: S E L E C T;
SESSION: S E S S I O N;
SET: S E T;
SHOW: S H O W;
SIZE: S I Z E;
SOURCE: S O U R C E;
STREAM: S T R E A M;
STREAMS: S T R E A M S;
STRUCT: S T R U C T;
TABLE: T A B L E;
TABLES: T A B L E S;
TERMINATE: T E R M I N A T E;
THEN: T H E N;
TOPIC: T O P I C;
TOPICS: T O P I C S;
TRUE: T R U E;
TUMBLING: T U M B L I N G;
TYPE: T Y P E;
TYPES: T Y P E S;
UNDEFINE: U N D E F I N E;
UNSET: U N S E T;
VALUES: V A L U E S;
VARIABLES: V A R I A B L E S;
WHEN: W H E N;
WHERE: W H E R E;
WINDOW: W I N D O W;
WITH: W I T H;
WITHIN: W I T H I N;

// ================================================================ lexer: operators, literals

EQ: '=';
NEQ: '<>' | '!=';
LTE: '<=';
GTE: '>=';
LT: '<';
GT: '>';
PLUS: '+';
MINUS: '-';
ASTERISK: '*';
SLASH: '/';
PERCENT: '%';
CONCAT: '||';
ARROW: '->';
LAMBDA_ARROW: '=>';
ASSIGN: ':=';
DOT: '.';
COMMA: ',';
SEMICOLON: ';';
LPAREN: '(';
RPAREN: ')';
LBRACKET: '[';
RBRACKET: ']';

// 'it''s': a quote inside a string is written twice.
STRING: '\'' (~'\'' | '\'\'')* '\'';

// Numbers. A literal with a point and no exponent is a DECIMAL (as in ksqlDB); with an exponent
// it is a DOUBLE.
INTEGER_VALUE: DIGIT+;
DECIMAL_VALUE: DIGIT+ '.' DIGIT* | '.' DIGIT+;
FLOATING_POINT_VALUE: DIGIT+ ('.' DIGIT*)? EXPONENT | '.' DIGIT+ EXPONENT;

// Unquoted identifiers are upper-cased by the AST builder; quoted ones keep their case.
IDENTIFIER: (LETTER | '_') (LETTER | DIGIT | '_' | '@')*;
// A name that starts with a digit is an error the builder reports clearly.
DIGIT_IDENTIFIER: DIGIT (LETTER | DIGIT | '_' | '@')+;
QUOTED_IDENTIFIER: '"' (~'"' | '""')* '"';
BACKQUOTED_IDENTIFIER: '`' (~'`' | '``')* '`';

// ${name}: substituted before parsing; one that is still here was not defined.
VARIABLE: '$' '{' (LETTER | '_') (LETTER | DIGIT | '_')* '}';

LINE_COMMENT: '--' ~[\r\n]* -> channel(HIDDEN);
BLOCK_COMMENT: '/*' .*? '*/' -> channel(HIDDEN);
WS: [ \t\r\n\f]+ -> channel(HIDDEN);

// Anything else becomes a token the parser rejects with a located message.
UNRECOGNIZED: .;

fragment EXPONENT: [eE] [+-]? DIGIT+;
fragment DIGIT: [0-9];
fragment LETTER: [a-zA-Z];

fragment A: [aA];
fragment B: [bB];
fragment C: [cC];
fragment D: [dD];
fragment E: [eE];
fragment F: [fF];
fragment G: [gG];
fragment H: [hH];
fragment I: [iI];
fragment J: [jJ];
fragment K: [kK];
fragment L: [lL];
fragment M: [mM];
fragment N: [nN];
fragment O: [oO];
fragment P: [pP];
fragment Q: [qQ];
fragment R: [rR];
fragment S: [sS];
fragment T: [tT];
fragment U: [uU];
fragment V: [vV];
fragment W: [wW];
fragment X: [xX];
fragment Y: [yY];
fragment Z: [zZ];
