import "./styles.css";
import { renderAccountNav } from "./nav";

renderAccountNav();
