// The retry and throttling plugins use bottleneck's dependency-free "light" build; so do we, so the
// bundle carries one copy and no optional Redis clients. Same API as the full build.
declare module 'bottleneck/light.js' {
  import Bottleneck from 'bottleneck';
  export default Bottleneck;
}
